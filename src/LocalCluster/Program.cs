using Resilience.LocalCluster.Cli;

return await LocalClusterCli.RunAsync(args);
