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
    private Chromium? chromium;

    public string ConnectionString { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => chromium!.Browser;

    public IServiceProvider Services => factory!.Services;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        factory = NewFactory();
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        chromium = await Chromium.LaunchAsync();
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
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        await TestDatabase.DropAsync(ConnectionString);
    }

    /// <summary>A new browser context (its own cookies) on this server; see <see cref="Chromium.NewPageAsync"/>.</summary>
    public Task<IPage> NewPageAsync(bool javaScriptEnabled = true, bool bypassCsp = true) =>
        chromium!.NewPageAsync(BaseAddress, javaScriptEnabled, bypassCsp);
}

[CollectionDefinition(Name)]
public sealed class AppServerGroup : ICollectionFixture<AppServer>
{
    public const string Name = "app";
}
