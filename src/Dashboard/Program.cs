using Insights.Dashboard.Cli;
using Insights.Dashboard.Extensions;
using Insights.Dashboard.Hosting;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(ConfigurationReload.Off(args));
builder.AddDashboard();
var app = builder.Build();
app.UseDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
