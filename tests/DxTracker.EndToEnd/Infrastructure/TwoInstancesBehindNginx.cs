using DxTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// Several instances (issue 12): two app processes over one fresh database with demo data, their data-protection keys
/// in PostgreSQL, behind Debian's nginx with sticky sessions; and Chromium, whose pages open through nginx.
/// </summary>
public sealed class TwoInstancesBehindNginx : IAsyncLifetime
{
    public const string Name = "two-instances-behind-nginx";

    private readonly List<AppInstance> instances = [];
    private Nginx? nginx;
    private Chromium? chromium;

    public string ConnectionString { get; private set; } = string.Empty;

    public IReadOnlyList<AppInstance> Instances => instances;

    public Nginx Proxy => nginx!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        // One after the other, as docs/operations.md says: the first migrates and seeds the demo data, the second starts
        // on the database as it finds it.
        instances.Add(await AppInstance.StartAsync("instance-a", Settings(first: true)));
        instances.Add(await AppInstance.StartAsync("instance-b", Settings(first: false)));
        nginx = await Nginx.StartAsync(instances.Select(i => i.Address));
        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>
    /// The settings of the tests' in-process server (DxWebApplicationFactory), and what several instances behind a proxy
    /// need: the data-protection keys in the database, nginx as the known proxy.
    /// </summary>
    private Dictionary<string, string> Settings(bool first) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["ConnectionStrings__DxTracker"] = ConnectionString,
        ["Database__MigrateOnStartup"] = first ? "true" : "false",
        ["DxTracker__DemoData"] = first ? "true" : "false",
        ["Authentication__TwoFactorRequiredFor"] = "",
        ["DataProtection__Store"] = "Database",
        ["ReverseProxy__KnownProxies"] = Nginx.ProxyAddress,
    };

    /// <summary>The instance that answered a response through nginx (the last one it tried), if any did.</summary>
    public AppInstance? ServedBy(IResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var upstreams = response.Headers.GetValueOrDefault(Nginx.UpstreamHeader.ToLowerInvariant(), "");
        var last = upstreams.Split(',', StringSplitOptions.TrimEntries).Last();
        return instances.SingleOrDefault(i => i.Address == last);
    }

    public AppInstance Other(AppInstance instance) => instances.Single(i => i != instance);

    /// <summary>A new browser context (its own cookies) on nginx's address.</summary>
    public Task<IPage> NewPageAsync() => chromium!.NewPageAsync(Proxy.Address);

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
        await TestDatabase.DropAsync(ConnectionString);
    }
}

[CollectionDefinition(TwoInstancesBehindNginx.Name)]
public sealed class TwoInstancesBehindNginxGroup : ICollectionFixture<TwoInstancesBehindNginx>
{
}
