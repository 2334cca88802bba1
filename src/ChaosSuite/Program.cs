using Resilience.ChaosSuite.Cli;

return await ChaosCli.RunAsync(args);
