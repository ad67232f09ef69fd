using MetaNode.Devnet.Hosting;

return args is [HealthCheckCommand.Name, .. var rest]
    ? await HealthCheckCommand.RunAsync(rest)
    : await DevnetHost.RunAsync(args);
