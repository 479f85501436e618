using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// Hosts the real app (Program) against a test database, in the "Testing" environment so that error
/// pages behave as in production. Demo data (the demo accounts) is loaded at start-up.
/// </summary>
public class DxWebApplicationFactory(string connectionString) : WebApplicationFactory<Program>
{
    public bool LoadDemoData { get; init; } = true;

    /// <summary>The run command's demo on top of the demo data: a published year and an open year in a mix of states.</summary>
    public bool DemoScenario { get; init; }

    /// <summary>Off for tests of a database that is down: start-up would wait for it.</summary>
    public bool MigrateOnStartup { get; init; } = true;

    /// <summary>The sign-in rate limit per client address; null keeps the app's default.</summary>
    public int? SignInPostsPerMinute { get; init; }

    /// <summary>Replaces services of the app for a test (e.g. the clock).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Further configuration settings, as an operator would set them (appsettings or environment).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:DxTracker", connectionString);
        // Migrating an already migrated test database is a no-op, and proves the app and the tests agree on the history table.
        builder.UseSetting("Database:MigrateOnStartup", MigrateOnStartup ? "true" : "false");
        builder.UseSetting("DxTracker:DemoData", LoadDemoData ? "true" : "false");
        builder.UseSetting("DxTracker:DemoScenario", DemoScenario ? "true" : "false");
        // Two-factor sign-in is required for nobody unless a test says so (as in Development and the demo): the tests
        // sign in as the demo's administrator and office.
        builder.UseSetting("Authentication:TwoFactorRequiredFor", "");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (SignInPostsPerMinute is { } limit)
        {
            builder.UseSetting("Authentication:SignInPostsPerMinute", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // TestServer has no client address; a test names one per client (ClientAddressHeader), as Kestrel would see it.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>The request header a test sets to give its client an address (tests only; the app never reads it).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>A client with its own cookies and the given address.</summary>
    public HttpClient CreateBrowserLikeClient(string address)
    {
        var client = CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address) && IPAddress.TryParse(address, out var ip))
                {
                    context.Connection.RemoteIpAddress = ip;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}
