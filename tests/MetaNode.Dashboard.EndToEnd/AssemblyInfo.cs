using MetaNode.Dashboard.EndToEnd;

[assembly: AssemblyFixture(typeof(BrowserFixture))]
