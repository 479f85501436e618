using DxTracker.Web.Data;
using DxTracker.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddDxLogging();
builder.Services.AddDxData();
builder.Services.AddDxIdentity();
builder.Services.AddDxWeb();

var app = builder.Build();

if (!StartupChecks.ConnectionStringIsUsable(app))
{
    return 1;
}

await DatabaseStartup.RunAsync(app);

app.UseDxPipeline();
app.MapDxEndpoints();

await app.RunAsync();
return 0;

/// <summary>The application's entry point; public so that tests can host it.</summary>
public partial class Program;
