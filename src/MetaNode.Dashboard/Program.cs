using MetaNode.Dashboard.Hosting;

return await DashboardHost.RunAsync(args);
