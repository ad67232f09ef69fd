using MetaNode.Devnet.Hosting;

return await DevnetHost.RunAsync(args);
