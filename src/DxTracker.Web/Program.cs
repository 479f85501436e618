using DxTracker.Web.Data;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;

if (args is ["healthcheck", ..])
{
    return await HealthProbe.RunAsync(args.Length > 1 ? args[1] : null);
}

var builder = WebApplication.CreateBuilder(args);
// Serve the build's static assets (CSS, fonts, their compressed variants) in every environment, not only
// Development; a published app has no build manifest and this does nothing there.
builder.WebHost.UseStaticWebAssets();

builder.AddDxLogging();
builder.Services.AddDxData();
builder.Services.AddDxIdentity();
builder.Services.AddDxSingleSignOn(builder.Configuration);
builder.Services.AddDxWeb(builder.Configuration);

var app = builder.Build();

if (!StartupChecks.ConnectionStringIsUsable(app))
{
    return 1;
}

if (args is ["import", var importPath])
{
    return await ImportCommand.RunAsync(app, importPath);
}

if (args is ["create-admin", .. var adminArguments])
{
    return await DxTracker.Web.Features.Account.CreateAdminCommand.RunAsync(app, adminArguments);
}

if (!StartupChecks.DemoDataIsAllowed(app))
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
