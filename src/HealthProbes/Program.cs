using Resilience.HealthProbes.Cli;

return await HealthProbesCommand.RunAsync(args).ConfigureAwait(false);
