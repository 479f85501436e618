using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace DxTracker.Tests.Web;

/// <summary>
/// Issue 12, findings 2 and 3: behind a TLS proxy cookies are Secure and HSTS is sent, forwarded headers are believed
/// only from the configured proxy, a forged Host never reaches a redirect, and a production database gets its first
/// administrator from a command instead of demo accounts.
/// </summary>
public sealed class OperationsSecurityTests(DatabaseFixture database) : AppTest(database)
{
    private const string Proxy = "192.0.2.200";

    private const string PublicHost = "dxtracker.city.example";

    [Fact]
    public async Task Through_the_TLS_proxy_the_cookies_are_secure_and_HSTS_is_sent()
    {
        // The browser speaks HTTPS to the proxy, which passes the public host name on (HSTS is never sent for localhost).
        // A Secure cookie is not sent back over the test's plain connection by a cookie jar, so it is sent by hand.
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(DxWebApplicationFactory.ClientAddressHeader, Proxy);
        client.DefaultRequestHeaders.Host = PublicHost;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.40");

        var page = await client.GetAsync("/account/login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("DxTracker.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormPost.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync()),
                ["_handler"] = "login",
                ["Input.UserName"] = "viewer",
                ["Input.Password"] = DemoData.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DxTracker.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        // The security log has the client's address from the proxy, not the proxy's.
        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignedIn" && a.UserName == "viewer" && a.Comment!.Contains("203.0.113.40")));
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        var client = Factory.CreateBrowserLikeClient("198.51.100.77");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.41");

        var page = await client.GetAsync("/account/login");
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        await FormPost.SignInAsync(client, "editor", "wrong-password-1");
        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignInFailed" && a.Comment!.Contains("198.51.100.77")));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Comment!.Contains("203.0.113.41")));
    }

    [Fact]
    public async Task A_forged_host_is_refused_and_never_reaches_a_redirect()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Host = "evil.example";
        var refused = await Factory.CreateBrowserLikeClient().SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var redirect = await Factory.CreateBrowserLikeClient().GetAsync("/plans");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.False(redirect.Headers.Location!.IsAbsoluteUri, redirect.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_first_administrator_comes_from_create_admin_on_an_empty_database()
    {
        var empty = await TestDatabase.CreateAsync();
        const string Password = "harbour-lantern-2027";

        var (exit, output) = await RunAppAsync(empty, Password, "create-admin", "jyoho01", "情報 政策");
        Assert.True(exit == 0, output);
        Assert.Contains("管理者「jyoho01」（情報 政策）を作成しました。", output, StringComparison.Ordinal);
        var (again, refusal) = await RunAppAsync(empty, Password, "create-admin", "jyoho01");
        Assert.Equal(1, again);
        Assert.Contains("ユーザーID「jyoho01」は既に使われています。", refusal, StringComparison.Ordinal);
        var (weak, weakOutput) = await RunAppAsync(empty, "password1234", "create-admin", "jyoho02");
        Assert.Equal(1, weak);
        Assert.Contains("よく使われていて推測されやすいパスワードです。", weakOutput, StringComparison.Ordinal);

        await using (var db = TestDatabase.CreateContext(empty))
        {
            Assert.Equal(["jyoho01"], await db.Users.Select(u => u.UserName).ToListAsync());
        }
        await using var app = new DxWebApplicationFactory(empty) { LoadDemoData = false };
        var client = app.CreateBrowserLikeClient();
        Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(client, "jyoho01", Password)));
        Assert.Contains("情報 政策 さん", await client.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        await TestDatabase.DropAsync(empty);
    }

    [Fact]
    public void The_database_password_can_come_from_a_secret_file()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "s3cret-from-file\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DxTracker"] = "Host=db;Database=dxtracker;Username=dxtracker",
            ["Database:PasswordFile"] = file,
        }).Build();

        var built = new Npgsql.NpgsqlConnectionStringBuilder(DxTracker.Web.Infrastructure.ServiceRegistration.ConnectionStringFrom(configuration));
        File.Delete(file);

        Assert.Equal("s3cret-from-file", built.Password);
        Assert.Equal("dxtracker", built.Username);
        Assert.Equal(DxTracker.Web.Infrastructure.ServiceRegistration.DefaultMaxPoolSize, built.MaxPoolSize);
    }

    [Fact]
    public async Task Production_refuses_to_load_demo_accounts()
    {
        var (exit, output) = await RunAppAsync(Database.ConnectionString, null, demoData: true);

        Assert.Equal(1, exit);
        Assert.Contains("本番環境（ASPNETCORE_ENVIRONMENT=Production）ではデモデータ（DxTracker:DemoData）を読み込めません。", output, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output)> RunAppAsync(string connectionString, string? adminPassword, params string[] arguments) =>
        RunAppAsync(connectionString, adminPassword, demoData: false, arguments);

    private static Task<(int Exit, string Output)> RunAppAsync(string connectionString, string? adminPassword, bool demoData, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__DxTracker"] = connectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["DxTracker__DemoData"] = demoData ? "true" : "false",
        };
        if (adminPassword is not null)
        {
            environment["DXTRACKER_ADMIN_PASSWORD"] = adminPassword;
        }
        return AppProcess.RunAsync(environment, arguments);
    }

    protected override DxWebApplicationFactory CreateFactory(string connectionString) => new ProxiedFactory(connectionString);

    private sealed class ProxiedFactory(string connectionString) : DxWebApplicationFactory(connectionString)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ReverseProxy:KnownProxies", Proxy);
            builder.UseSetting("AllowedHosts", $"{PublicHost};localhost");
        }
    }
}
