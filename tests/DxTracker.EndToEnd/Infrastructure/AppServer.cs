using DxTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) over a fresh database with demo data, and Debian's
/// Chromium driven by Playwright. One per test collection.
/// </summary>
public class AppServer : IAsyncLifetime
{
    private DxWebApplicationFactory? factory;
    private IPlaywright? playwright;

    public string ConnectionString { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => factory!.Services;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        factory = NewFactory();
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// Stops the app server and starts a new one on the same port and database, as a deployment or a crash does: every
    /// circuit is gone, the browser's pages stay open.
    /// </summary>
    public async Task RestartAppAsync()
    {
        await factory!.DisposeAsync();
        factory = NewFactory();
        var port = BaseAddress.Port;
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        factory.StartServer();
    }

    /// <summary>
    /// Every browser here comes from 127.0.0.1, and the load tests sign in 100 editors within seconds: the per-address
    /// sign-in limit (tested in the unit tests) is raised for this server. The plan file limit (a setting, 64 MB by
    /// default) is set to 10 MB, as an operator may: the import journey checks that the page refuses a larger file when
    /// it is chosen, without writing a 65 MB file.
    /// </summary>
    private DxWebApplicationFactory NewFactory()
    {
        var factory = new DxWebApplicationFactory(ConnectionString)
        {
            SignInPostsPerMinute = 10_000,
            Settings = { [DxTracker.Web.Features.Import.ImportLimits.MegabytesKey] = "10" },
        };
        Configure(factory.Settings);
        return factory;
    }

    /// <summary>Settings of a server of its own for one collection (the shared one keeps the demo's).</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        await TestDatabase.DropAsync(ConnectionString);
    }

    /// <summary>
    /// A new browser context (its own cookies). Scripts are on for axe; CSP is bypassed only so axe can be injected
    /// (pass <paramref name="bypassCsp"/> false to test under the real policy).
    /// </summary>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true, bool bypassCsp = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            BypassCSP = javaScriptEnabled && bypassCsp,
            JavaScriptEnabled = javaScriptEnabled,
        });
        // Generous: a 2-core CI machine building and testing at once can be slow, and a timeout is not a finding.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("DXTRACKER_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Chromium not found: install Debian's chromium package (scripts/test.sh does) or set DXTRACKER_CHROMIUM.");
    }
}

[CollectionDefinition(Name)]
public sealed class AppServerGroup : ICollectionFixture<AppServer>
{
    public const string Name = "app";
}
