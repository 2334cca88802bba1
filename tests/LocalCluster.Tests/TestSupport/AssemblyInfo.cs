// Integration tests run real clusters on a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
