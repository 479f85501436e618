using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Users;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Web;

/// <summary>
/// Issue 12: single sign-on through the municipality's OpenID Connect provider, beside local accounts, against a real
/// provider (OpenIddict, <see cref="TestOidcServer"/>) over HTTP. The provider names the person; DxTracker's own account
/// (found by a configured claim) keeps its roles and departments.
/// </summary>
public sealed class SingleSignOnTests(DatabaseFixture database) : AppTest(database)
{
    private const string ProviderPassword = "provider-side-password";

    private TestOidcServer provider = null!;

    public override async Task InitializeAsync()
    {
        provider = await TestOidcServer.StartAsync(
            new TestOidcUser("0001", "editor", ProviderPassword),
            new TestOidcUser("0002", "admin", ProviderPassword),
            new TestOidcUser("0003", "stranger", ProviderPassword),
            new TestOidcUser("0004", "sso-left", ProviderPassword),
            new TestOidcUser("0005", "sato.hanako", ProviderPassword, "hanako.sato@city.example.lg.jp"),
            new TestOidcUser("0006", "shared.mail", ProviderPassword, "shared@city.example.lg.jp"));
        await base.InitializeAsync();
        // TestServer answers at http://localhost: the callback the provider may send people back to.
        await provider.RegisterClientAsync(new Uri("http://localhost/"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await provider.DisposeAsync();
    }

    protected override DxWebApplicationFactory CreateFactory(string connectionString) => new(connectionString)
    {
        Settings = provider.Settings(),
    };

    [Fact]
    public async Task A_staff_member_signs_in_at_the_provider_and_works_with_the_roles_DxTracker_gives()
    {
        var client = Factory.CreateBrowserLikeClient();
        var login = await client.GetStringAsync("/account/login");
        Assert.Contains("庁内アカウントでログイン", login, StringComparison.Ordinal);
        Assert.Contains("ユーザーIDとパスワードでログイン", login, StringComparison.Ordinal);
        // The sign-in form's post ends at the provider: the CSP's form-action names it, and nothing else.
        var policy = (await client.GetAsync("/account/login")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"form-action 'self' {provider.Authority.GetLeftPart(UriPartial.Authority)};", policy, StringComparison.Ordinal);

        var landed = await SignInThroughProviderAsync(client, "editor", "/plans");
        Assert.Equal("/plans", FormPost.RedirectTarget(landed));
        Assert.Equal(1, provider.SignIns);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/plans")).StatusCode);
        // The editor's roles are DxTracker's: no administration.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);

        await using var db = Database.CreateContext();
        var signIn = await db.AuditEntries.Where(a => a.EntityType == SecurityEvents.EntityType && a.Action == SecurityActions.SignedIn && a.NewValue == "editor")
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.StartsWith("シングルサインオン（庁内アカウント）", signIn.Comment, StringComparison.Ordinal);

        // Signed in as someone else in the same browser before: that session ends, the new one has a key of its own.
        var viewerId = (await db.Users.SingleAsync(u => u.UserName == "viewer")).Id;
        var shared = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(shared, "viewer", DxTracker.Web.Data.Seed.DemoData.Password);
        Assert.Equal(1, await db.UserSessions.CountAsync(x => x.UserId == viewerId && x.EndedAt == null));
        Assert.Equal("/", FormPost.RedirectTarget(await SignInThroughProviderAsync(shared, "editor")));
        Assert.Equal(0, await db.UserSessions.CountAsync(x => x.UserId == viewerId && x.EndedAt == null));
        Assert.Contains("総務 一郎", await shared.GetStringAsync("/"), StringComparison.Ordinal);

        // A link to the last step from elsewhere (no answer from the provider) signs nobody in and nobody out.
        Assert.Equal("/account/login?sso=refused", FormPost.RedirectTarget(await shared.GetAsync(SingleSignOnOptions.CompletePath)));
        Assert.Contains("総務 一郎", await shared.GetStringAsync("/"), StringComparison.Ordinal);

        // Signing out ends DxTracker's session (the provider's own session is the provider's).
        await FormPost.PostAsync(client, "/", "", new Dictionary<string, string>(), "/account/logout");
        Assert.StartsWith("/account/login", FormPost.RedirectTarget(await client.GetAsync("/plans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_an_active_account_is_refused_with_a_Japanese_message_and_recorded()
    {
        string id;
        await using (var admin = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            var users = admin.Get<UserAdministration>();
            id = await users.CreateAsync("sso-left", "retired-account-key-2027", new UserSettings("退職 済み", [Roles.Viewer], []));
            await users.SetActiveAsync(id, false);
        }

        foreach (var person in new[] { "stranger", "sso-left" })
        {
            var client = Factory.CreateBrowserLikeClient();
            var refused = await SignInThroughProviderAsync(client, person);
            Assert.Equal("/account/login?sso=refused", FormPost.RedirectTarget(refused));
            var page = await client.GetStringAsync("/account/login?sso=refused");
            Assert.Contains("この庁内アカウントに対応する、有効な DxTracker のユーザーがありません。", page, StringComparison.Ordinal);
            Assert.StartsWith("/account/login", FormPost.RedirectTarget(await client.GetAsync("/")), StringComparison.Ordinal);
        }

        await using var db = Database.CreateContext();
        var failures = await db.AuditEntries.Where(a => a.EntityType == SecurityEvents.EntityType && a.Action == SecurityActions.SignInFailed).ToListAsync();
        Assert.Contains(failures, f => f.UserId == null && f.Comment!.StartsWith("シングルサインオン：対応するユーザーがありません（preferred_username=stranger、sub=0003）", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.EntityId == id && f.Comment!.StartsWith("シングルサインオン：無効にされたアカウント", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_from_the_provider_skips_DxTrackers_temporary_password_and_two_factor_steps_also_when_refreshed()
    {
        // The administrator's role requires two-factor sign-in and its password was reset; the provider vouches for
        // both. The security stamp is checked on every request here, so each one builds the principal again.
        await using var factory = new DxWebApplicationFactory(Database.ConnectionString)
        {
            Settings = { [TwoFactorPolicy.SettingName] = "Admin" },
            TestServices = services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero),
        };
        foreach (var (key, value) in provider.Settings())
        {
            factory.Settings[key] = value;
        }
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            admin.MustChangePassword = true;
            await users.UpdateAsync(admin);
        }
        try
        {
            var client = factory.CreateBrowserLikeClient();
            Assert.Equal("/", FormPost.RedirectTarget(await SignInThroughProviderAsync(client, "admin")));
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
            }

            // With its password, the same account still has both steps to take.
            var local = factory.CreateBrowserLikeClient();
            await FormPost.SignInAsync(local, "admin", DxTracker.Web.Data.Seed.DemoData.Password);
            Assert.Equal("/account/change-password", FormPost.RedirectTarget(await local.GetAsync("/admin/users")));
        }
        finally
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            admin.MustChangePassword = false;
            await users.UpdateAsync(admin);
        }
    }

    [Fact]
    public async Task Matched_by_e_mail_one_account_signs_in_and_an_address_two_accounts_share_matches_none()
    {
        await using var factory = new DxWebApplicationFactory(Database.ConnectionString) { Settings = provider.Settings(userClaim: "email", matchBy: "Email") };
        await using (var admin = await HandlerScope.ForAsync(factory.Services, "admin"))
        {
            var users = admin.Get<UserAdministration>();
            var userManager = admin.Get<UserManager<ApplicationUser>>();
            foreach (var (userName, email) in new[] { ("mail01", "hanako.sato@city.example.lg.jp"), ("mail02", "shared@city.example.lg.jp"), ("mail03", "shared@city.example.lg.jp") })
            {
                var id = await users.CreateAsync(userName, "mail-matched-key-2027", new UserSettings("メール 照合", [Roles.Viewer], []));
                var user = (await userManager.FindByIdAsync(id))!;
                await userManager.SetEmailAsync(user, email);
            }
        }

        var hanako = factory.CreateBrowserLikeClient();
        Assert.Equal("/", FormPost.RedirectTarget(await SignInThroughProviderAsync(hanako, "sato.hanako")));
        Assert.Contains("メール 照合", await hanako.GetStringAsync("/account"), StringComparison.Ordinal);

        var shared = factory.CreateBrowserLikeClient();
        Assert.Equal("/account/login?sso=refused", FormPost.RedirectTarget(await SignInThroughProviderAsync(shared, "shared.mail")));
    }

    [Fact]
    public async Task A_forged_or_failed_answer_from_the_provider_signs_nobody_in()
    {
        var client = Factory.CreateBrowserLikeClient();
        // No sign-in started here: the state (and the correlation cookie) do not match.
        var forged = await client.GetAsync($"{SingleSignOnOptions.CallbackPath}?code=forged-code&state=forged-state");
        Assert.Equal("/account/login?sso=failed", FormPost.RedirectTarget(forged));
        var page = await client.GetStringAsync("/account/login?sso=failed");
        Assert.Contains("庁内アカウントでのログインを完了できませんでした。", page, StringComparison.Ordinal);
        // Without the provider's answer, the last step signs nobody in either.
        Assert.Equal("/account/login?sso=refused", FormPost.RedirectTarget(await client.GetAsync(SingleSignOnOptions.CompletePath)));
        Assert.StartsWith("/account/login", FormPost.RedirectTarget(await client.GetAsync("/")), StringComparison.Ordinal);

        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SecurityActions.SignInFailed && EF.Functions.Like(a.Comment, "シングルサインオン：ID プロバイダーでのログイン%")));
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_single_sign_on()
    {
        await using var factory = new DxWebApplicationFactory(Database.ConnectionString);
        var client = factory.CreateBrowserLikeClient();
        var login = await client.GetAsync("/account/login");
        Assert.DoesNotContain("庁内アカウント", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("form-action 'self';", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var post = await FormPost.PostAsync(client, "/account/login", "", new Dictionary<string, string> { ["returnUrl"] = "/" }, "/account/login/sso");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Theory]
    [InlineData("http://idp.example.lg.jp/", "dxtracker", null, "設定 Authentication:Oidc:Authority には、https:// で始まる ID プロバイダーのアドレスを指定してください。")]
    [InlineData("https://idp.example.lg.jp/", "", null, "設定 Authentication:Oidc:ClientId には、ID プロバイダーに登録したクライアント IDを指定してください。")]
    [InlineData("https://idp.example.lg.jp/", "dxtracker", "Upn", "設定 Authentication:Oidc:MatchBy には、UserName（ユーザーID）または Email（メールアドレス）を指定してください。")]
    [InlineData("https://idp.example.lg.jp/", "dxtracker", null, "設定 Authentication:Oidc:ClientSecretFile には、クライアントシークレットを書いた、読み取れるファイルのパスを指定してください。", "/nonexistent/oidc-secret")]
    public void A_wrong_setting_stops_the_start_with_a_message_naming_it(string authority, string clientId, string? matchBy, string message, string? secretFile = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = authority,
            ["Authentication:Oidc:ClientId"] = clientId,
            ["Authentication:Oidc:MatchBy"] = matchBy,
            ["Authentication:Oidc:ClientSecretFile"] = secretFile,
        }).Build();
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => SingleSignOnOptions.From(configuration)).Message);
    }

    [Fact]
    public void The_client_secret_is_read_from_its_file_at_the_start()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "secret-from-a-file\n");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Oidc:Authority"] = "https://idp.example.lg.jp/realms/city",
                ["Authentication:Oidc:ClientId"] = "dxtracker",
                ["Authentication:Oidc:ClientSecretFile"] = file,
            }).Build();
            var options = SingleSignOnOptions.From(configuration);
            Assert.Equal("secret-from-a-file", options.ClientSecret);
            Assert.Equal("https://idp.example.lg.jp", options.ProviderOrigin);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The browser's part: the sign-in page's post, the provider's sign-in form, and the redirects between the two
    /// servers, up to DxTracker's answer after the provider's (the last redirect, not followed).
    /// </summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient dxTracker, string providerUser, string returnUrl = "/")
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var response = await FormPost.PostAsync(dxTracker, "/account/login", "", new Dictionary<string, string> { ["returnUrl"] = returnUrl }, "/account/login/sso");
        var fromProvider = false;
        for (var step = 0; step < 10; step++)
        {
            var location = response.Headers.Location ?? throw new InvalidOperationException($"Not a redirect: {(int)response.StatusCode}");
            if (!location.IsAbsoluteUri && fromProvider)
            {
                location = new Uri(provider.Authority, location);
            }
            fromProvider = location.IsAbsoluteUri && location.Port == provider.Authority.Port;
            if (fromProvider)
            {
                response = await browser.GetAsync(location);
                if (response.StatusCode == HttpStatusCode.OK && location.AbsolutePath == "/login")
                {
                    var returnTo = System.Web.HttpUtility.ParseQueryString(location.Query)["returnUrl"]!;
                    response = await browser.PostAsync(new Uri(provider.Authority, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["username"] = providerUser,
                        ["password"] = ProviderPassword,
                        ["returnUrl"] = returnTo,
                    }));
                }
                continue;
            }
            var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            if (!path.StartsWith("/account/login/sso/", StringComparison.Ordinal))
            {
                return response;
            }
            response = await dxTracker.GetAsync(path);
        }
        throw new InvalidOperationException("The sign-in went round in circles.");
    }
}
