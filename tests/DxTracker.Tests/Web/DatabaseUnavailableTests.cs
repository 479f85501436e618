using System.Net;
using DxTracker.Tests.Infrastructure;

namespace DxTracker.Tests.Web;

/// <summary>A database that is down gives a Japanese 503 page, never a stack trace.</summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    // Nothing listens on port 1 of the loopback address: connections are refused at once.
    private readonly DxWebApplicationFactory factory = new("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2") { LoadDemoData = false, MigrateOnStartup = false };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Health_reports_unhealthy()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_shows_a_Japanese_message_and_no_stack_trace()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, "admin", "whatever-1234");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("データベースに接続できません。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_itself_still_renders()
    {
        var response = await factory.CreateClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Configuration errors stop the app at start with a message an operator can act on.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("", "接続文字列 ConnectionStrings:DxTracker が設定されていません。")]
    [InlineData("Host=127.0.0.1;NoSuchKeyword=1", "接続文字列 ConnectionStrings:DxTracker の形式が正しくありません")]
    public async Task Missing_or_broken_connection_string_stops_the_app_with_a_clear_message(string connectionString, string expected)
    {
        var (exit, log) = await AppProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__DxTracker"] = connectionString });

        Assert.Equal(1, exit);
        Assert.Contains(expected, log, StringComparison.Ordinal);
    }
}

/// <summary>When the database comes back, the running app works again without a restart.</summary>
public sealed class DatabaseRecoveryTests
{
    [Fact]
    public async Task The_app_recovers_when_the_database_becomes_available()
    {
        // The database does not exist yet: every query fails as if the server were down.
        var ready = await TestDatabase.CreateAsync();
        var name = $"dxt_later_{Guid.NewGuid():N}";
        var later = TestDatabase.ConnectionStringFor(name);
        await using var factory = new DxWebApplicationFactory(later) { LoadDemoData = false, MigrateOnStartup = false };
        var client = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        var failed = await FormPost.SignInAsync(client, "admin", DxTracker.Web.Data.Seed.DemoData.Password);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);

        // It comes back (with the demo accounts in it).
        await using (var seeded = new DxWebApplicationFactory(ready))
        {
            seeded.CreateClient();
        }
        await TestDatabase.RenameAsync(ready, name);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var signedIn = await FormPost.SignInAsync(client, "admin", DxTracker.Web.Data.Seed.DemoData.Password);
        Assert.Equal("/", FormPost.RedirectTarget(signedIn));
        await TestDatabase.DropAsync(later);
    }
}
