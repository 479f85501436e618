using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Account;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Web;

/// <summary>Issue 12: two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes.</summary>
public sealed class TwoFactorTests(DatabaseFixture database) : AppTest(database)
{
    private const string Password = "quiet-meadow-river-2027";

    [Fact]
    public async Task With_two_factor_on_the_password_alone_does_not_sign_in_and_the_app_code_does()
    {
        var (key, codes) = await EnableAsync("totp01");

        var client = Factory.CreateBrowserLikeClient();
        var afterPassword = await FormPost.SignInAsync(client, "totp01", Password);
        Assert.Equal("/account/login/two-factor?ReturnUrl=%2F", FormPost.RedirectTarget(afterPassword));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/plans")).StatusCode);

        var wrong = await SecondStepAsync(client, "000000", recovery: false);
        Assert.Contains("確認コードが正しくないか、有効期限が切れています。", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        // As a phone shows it, with a space, and in full-width digits.
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var typed = string.Concat(code[..3].Select(c => (char)(c - '0' + '０'))) + " " + code[3..];
        var signedIn = await SecondStepAsync(client, typed, recovery: false);
        Assert.Equal("/", FormPost.RedirectTarget(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, codes.Count);

        await using var db = Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.EntityType == SecurityEvents.EntityType && a.NewValue == "totp01").Select(a => a.Action).ToListAsync();
        Assert.Contains(SecurityActions.TwoFactorEnabled, actions);
        Assert.Contains(SecurityActions.SecondFactorFailed, actions);
        Assert.Contains(SecurityActions.SignedIn, actions);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnableAsync("totp02");

        var first = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(first, "totp02", Password);
        Assert.Equal("/", FormPost.RedirectTarget(await SecondStepAsync(first, codes[0], recovery: true)));

        var second = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(second, "totp02", Password);
        var reused = await SecondStepAsync(second, codes[0], recovery: true);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_it_on()
    {
        await CreateUserAsync("totp03");
        await using var scope = await HandlerScope.ForAsync(Factory.Services, "totp03");
        var setup = scope.Get<TwoFactorSetup>();
        await setup.KeyAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => setup.EnableAsync("123"));

        Assert.StartsWith("確認コードが正しくありません。", refused.Message, StringComparison.Ordinal);
        Assert.False((await setup.StatusAsync()).Enabled);
    }

    [Fact]
    public async Task An_administrator_turns_off_the_two_factor_of_a_user_who_lost_the_phone()
    {
        var (_, codes) = await EnableAsync("totp04");
        string id;
        await using (var lookup = Factory.Services.CreateAsyncScope())
        {
            id = (await lookup.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync("totp04"))!.Id;
        }
        await using (var viewer = await HandlerScope.ForAsync(Factory.Services, "viewer"))
        {
            await Assert.ThrowsAsync<DxTracker.Web.Infrastructure.ForbiddenException>(() => viewer.Get<DxTracker.Web.Features.Admin.Users.UserAdministration>().ResetTwoFactorAsync(id));
        }

        await using (var admin = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            Assert.True((await admin.Get<DxTracker.Web.Features.Admin.Users.UserAdministration>().GetAsync(id)).TwoFactorEnabled);
            await admin.Get<DxTracker.Web.Features.Admin.Users.UserAdministration>().ResetTwoFactorAsync(id);
        }

        var client = Factory.CreateBrowserLikeClient();
        Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(client, "totp04", Password)));
        // The old recovery codes are gone with it.
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(0, await users.CountRecoveryCodesAsync((await users.FindByNameAsync("totp04"))!));
        Assert.NotEmpty(codes);
    }

    private async Task<(string Key, IReadOnlyList<string> Codes)> EnableAsync(string userName)
    {
        await CreateUserAsync(userName);
        await using var scope = await HandlerScope.ForAsync(Factory.Services, userName);
        var setup = scope.Get<TwoFactorSetup>();
        var key = await setup.KeyAsync();
        Assert.StartsWith("otpauth://totp/DxTracker:", key.Uri, StringComparison.Ordinal);
        Assert.Contains("<svg", key.QrSvg, StringComparison.Ordinal);
        var codes = await setup.EnableAsync(Totp.Code(key.Key, DateTimeOffset.UtcNow));
        Assert.True((await setup.StatusAsync()).Enabled);
        return (key.Key, codes);
    }

    private async Task CreateUserAsync(string userName)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, DisplayName = "二段 認証" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Viewer);
    }

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code, bool recovery)
    {
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (recovery)
        {
            fields["Input.Recovery"] = "true";
        }
        return FormPost.PostAsync(client, "/account/login/two-factor?ReturnUrl=%2F", "two-factor", fields);
    }
}
