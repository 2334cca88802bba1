using Resilience.ChaosSuite.Cli;

// The observer must not be starved by the load it generates on the same cores (see SchedulingPriority).
using var priority = SchedulingPriority.Keep();

return await ChaosCli.RunAsync(args);
