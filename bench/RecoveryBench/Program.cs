using Resilience.Bench.Cli;

return await BenchCli.RunAsync(args);
