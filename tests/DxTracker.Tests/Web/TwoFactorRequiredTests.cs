using System.Net;
using System.Text.RegularExpressions;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Account;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Web;

/// <summary>
/// Issue 12: two-factor sign-in required for administrators and the office (the setting's default), optional for
/// others. A required user without it reaches nothing but its set-up page until it is on, and cannot turn it off.
/// </summary>
public sealed partial class TwoFactorRequiredTests(DatabaseFixture database) : AppTest(database)
{
    private const string Password = "quiet-meadow-river-2027";

    protected override DxWebApplicationFactory CreateFactory(string connectionString) => new(connectionString)
    {
        Settings = { [TwoFactorPolicy.SettingName] = "Admin,Reviewer" },
    };

    [Fact]
    public async Task An_administrator_without_two_factor_reaches_only_its_set_up_until_it_is_on()
    {
        await CreateUserAsync("req01", Roles.Admin);
        var client = Factory.CreateBrowserLikeClient();
        Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(client, "req01", Password)));

        // Pages lead to the set-up; the API, downloads and the circuit hub are refused (no interactive page either).
        foreach (var page in new[] { "/", "/account/two-factor", "/admin/users", "/plans" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor/required", FormPost.RedirectTarget(response));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);

        var setUp = await client.GetStringAsync("/account/two-factor/required");
        Assert.Contains("管理者、デジタル推進課の利用者は、2段階認証を設定しないと利用を始められません。", setUp, StringComparison.Ordinal);
        Assert.Contains("<svg", setUp, StringComparison.Ordinal);
        var key = KeyIn(setUp);

        var wrong = await PostCodeAsync(client, "000000");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("確認コードが正しくありません。", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var done = await PostCodeAsync(client, Totp.Code(key, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var html = await done.Content.ReadAsStringAsync();
        Assert.Contains("2段階認証を設定しました。", html, StringComparison.Ordinal);
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, RecoveryCodeCount().Count(html));

        // The same session carries on, now with everything open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/plans")).StatusCode);
        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == SecurityEvents.EntityType && a.Action == SecurityActions.TwoFactorEnabled && a.NewValue == "req01"));
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync("req01"))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task Others_are_not_asked_and_a_reset_password_comes_first()
    {
        await CreateUserAsync("req02", Roles.Editor);
        var editor = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(editor, "req02", Password);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/")).StatusCode);

        await CreateUserAsync("req03", Roles.Reviewer, mustChangePassword: true);
        var reviewer = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(reviewer, "req03", Password);
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await reviewer.GetAsync("/")));
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await reviewer.GetAsync("/account/two-factor/required")));
    }

    [Fact]
    public async Task A_required_user_cannot_turn_it_off_and_a_viewer_can()
    {
        await CreateUserAsync("req04", Roles.Reviewer);
        await CreateUserAsync("req05", Roles.Viewer);
        foreach (var (userName, required) in new[] { ("req04", true), ("req05", false) })
        {
            await using var scope = await HandlerScope.ForAsync(Factory.Services, userName);
            var setup = scope.Get<TwoFactorSetup>();
            await setup.EnableAsync(Totp.Code((await setup.KeyAsync()).Key, DateTimeOffset.UtcNow));
            Assert.Equal(required, (await setup.StatusAsync()).Required);
            if (required)
            {
                var refused = await Assert.ThrowsAsync<DomainRuleException>(setup.DisableAsync);
                Assert.StartsWith("管理者、デジタル推進課の利用者は、2段階認証を解除できません。", refused.Message, StringComparison.Ordinal);
            }
            else
            {
                await setup.DisableAsync();
            }
            Assert.Equal(required, (await setup.StatusAsync()).Enabled);
        }
    }

    [Fact]
    public async Task Given_a_role_that_requires_it_a_user_without_two_factor_is_signed_out_and_sets_it_up_at_the_next_sign_in()
    {
        await CreateUserAsync("req06", Roles.Editor);
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "req06", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        string id;
        await using (var lookup = Factory.Services.CreateAsyncScope())
        {
            id = (await lookup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync("req06"))!.Id;
        }
        await using (var admin = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            await admin.Get<DxTracker.Web.Features.Admin.Users.UserAdministration>().UpdateAsync(id, new DxTracker.Web.Features.Admin.Users.UserSettings("必須 認証", [Roles.Reviewer], []));
        }

        Assert.StartsWith("/account/login", FormPost.RedirectTarget(await client.GetAsync("/")), StringComparison.Ordinal);
        await FormPost.SignInAsync(client, "req06", Password);
        Assert.Equal("/account/two-factor/required", FormPost.RedirectTarget(await client.GetAsync("/")));
        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SecurityActions.RolesChanged && a.NewValue == "req06" && a.Comment!.Contains("2段階認証の設定のため")));
    }

    [Theory]
    [InlineData(null, new[] { Roles.Admin, Roles.Reviewer })]
    [InlineData("", new string[0])]
    [InlineData(" Editor , Viewer ", new[] { Roles.Editor, Roles.Viewer })]
    public void The_setting_names_the_roles_and_defaults_to_administrators_and_the_office(string? setting, string[] expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            setting is null ? [] : new Dictionary<string, string?> { [TwoFactorPolicy.SettingName] = setting }).Build();
        Assert.Equal(expected.Order(StringComparer.Ordinal), TwoFactorPolicy.From(configuration).RequiredRoles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_that_is_not_a_role_stops_the_start_with_a_message_naming_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [TwoFactorPolicy.SettingName] = "Admin,管理者" }).Build();
        var refused = Assert.Throws<InvalidOperationException>(() => TwoFactorPolicy.From(configuration));
        Assert.Contains("「管理者」は役割の名前ではありません。", refused.Message, StringComparison.Ordinal);
    }

    private static string KeyIn(string html) =>
        WebUtility.HtmlDecode(AuthenticatorKey().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No key on the page."));

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code) =>
        FormPost.PostAsync(client, "/account/two-factor/required", "two-factor-required", new Dictionary<string, string> { ["Input.Code"] = code });

    private async Task CreateUserAsync(string userName, string role, bool mustChangePassword = false)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, DisplayName = "必須 認証", MustChangePassword = mustChangePassword };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    [GeneratedRegex("<code id=\"authenticator-key\" class=\"authenticator-key\">([^<]+)</code>")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>[^<]+</code></li>")]
    private static partial Regex RecoveryCodeCount();
}
