using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// Hosts the real app (Program) against a test database, in the "Testing" environment so that error
/// pages behave as in production. Demo data (the demo accounts) is loaded at start-up.
/// </summary>
public class DxWebApplicationFactory(string connectionString) : WebApplicationFactory<Program>
{
    public bool LoadDemoData { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:DxTracker", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("DxTracker:DemoData", LoadDemoData ? "true" : "false");
    }

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}
