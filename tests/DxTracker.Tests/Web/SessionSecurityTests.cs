using System.Net;
using System.Security.Claims;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Components;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Account;
using DxTracker.Web.Features.Admin.Users;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Web;

/// <summary>
/// Sessions live on the server (issue 12, finding 1): the attacks replayed here are a cookie copied before sign-out, a
/// session left open on a lost PC, a cookie planted before sign-in, and a temporary password used for the API.
/// </summary>
public sealed class SessionSecurityTests(DatabaseFixture database) : AppTest(database)
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works()
    {
        var browser = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(browser, "reviewer", DemoData.Password);
        var copied = await AuthCookieAsync(browser);
        var thief = ClientWithCookie(copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/plans")).StatusCode);

        await FormPost.PostAsync(browser, "/", "", new Dictionary<string, string>(), "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/plans")).StatusCode);
        await using var db = Database.CreateContext();
        var key = await SessionKeyOfAsync(copied);
        var session = await db.UserSessions.SingleAsync(s => s.Key == key);
        Assert.Equal("ログアウト", session.EndReason);
    }

    [Fact]
    public async Task A_user_ends_a_session_left_open_elsewhere_and_keeps_their_own()
    {
        var office = Factory.CreateBrowserLikeClient("192.0.2.50");
        var shared = Factory.CreateBrowserLikeClient("192.0.2.51");
        await FormPost.SignInAsync(office, "editor2", DemoData.Password);
        await FormPost.SignInAsync(shared, "editor2", DemoData.Password);
        var officeKey = await SessionKeyOfAsync(await AuthCookieAsync(office));
        var sharedKey = await SessionKeyOfAsync(await AuthCookieAsync(shared));

        await using (var scope = await ScopeWithSessionAsync("editor2", officeKey))
        {
            var mine = await scope.Get<SessionAdministration>().MineAsync();
            Assert.Contains(mine, s => s.IsCurrent && s.IsActive && s.Address == "192.0.2.50");
            Assert.Contains(mine, s => !s.IsCurrent && s.IsActive && s.Address == "192.0.2.51");
            await scope.Get<SessionAdministration>().EndMineAsync(sharedKey);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await shared.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Nobody_ends_another_users_session_through_their_own_list()
    {
        var victim = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(victim, "editor", DemoData.Password);
        var victimKey = await SessionKeyOfAsync(await AuthCookieAsync(victim));

        var editorId = await UserIdAsync("editor");
        await using var scope = await HandlerScope.ForAsync(Factory.Services, "viewer");
        await Assert.ThrowsAsync<DxTracker.Web.Infrastructure.NotFoundException>(() => scope.Get<SessionAdministration>().EndMineAsync(victimKey));
        await Assert.ThrowsAsync<DxTracker.Web.Infrastructure.ForbiddenException>(() => scope.Get<SessionAdministration>().EndAllForUserAsync(editorId));

        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_ends_all_sessions_of_a_user()
    {
        var first = Factory.CreateBrowserLikeClient();
        var second = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(first, "viewer", DemoData.Password);
        await FormPost.SignInAsync(second, "viewer", DemoData.Password);

        await using (var scope = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            var viewerId = await UserIdAsync("viewer");
            var ended = await scope.Get<SessionAdministration>().EndAllForUserAsync(viewerId);
            Assert.True(ended >= 2);
            Assert.DoesNotContain(await scope.Get<SessionAdministration>().ForUserAsync(viewerId), s => s.IsActive);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
        await using var db = Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == SecurityEvents.EntityType && a.Action == SecurityActions.SessionsEnded && a.UserName == "admin" && a.NewValue == "viewer"));
    }

    [Fact]
    public async Task A_cookie_planted_before_sign_in_does_not_become_the_signed_in_session()
    {
        // The attacker signs in with an account of their own and plants that cookie in the victim's browser.
        var attacker = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(attacker, "viewer", DemoData.Password);
        var planted = await AuthCookieAsync(attacker);

        // The victim's browser, by hand: it sends the planted cookie with the sign-in form.
        var victim = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        page.Headers.Add("Cookie", planted);
        var pageResponse = await victim.SendAsync(page);
        var antiforgery = SetCookies(pageResponse).SingleOrDefault(c => c.StartsWith("DxTracker.Antiforgery=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{(int)pageResponse.StatusCode} {string.Join(" | ", SetCookies(pageResponse))}");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormPost.AntiforgeryTokenIn(await pageResponse.Content.ReadAsStringAsync()),
                ["_handler"] = "login",
                ["Input.UserName"] = "reviewer",
                ["Input.Password"] = DemoData.Password,
            }),
        };
        post.Headers.Add("Cookie", $"{planted}; {antiforgery}");
        var signedIn = await victim.SendAsync(post);

        var victimCookie = SetCookies(signedIn).SingleOrDefault(c => c.StartsWith("DxTracker.Auth=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{(int)signedIn.StatusCode} {string.Join(" | ", SetCookies(signedIn))} {await signedIn.Content.ReadAsStringAsync()}");
        Assert.NotEqual(await SessionKeyOfAsync(planted), await SessionKeyOfAsync(victimCookie));
        // The planted cookie is not the reviewer's session, and no longer even the attacker's.
        Assert.Equal(HttpStatusCode.Redirect, (await ClientWithCookie(planted).GetAsync("/")).StatusCode);
        Assert.Contains("推進 花子", await ClientWithCookie(victimCookie).GetStringAsync("/"), StringComparison.Ordinal);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [Fact]
    public async Task A_temporary_password_opens_nothing_but_the_change_page()
    {
        const string Temporary = "handed-over-2027";
        await using (var scope = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            await scope.Get<UserAdministration>().CreateAsync("newcomer01", Temporary, new UserSettings("新人 職員", [DxTracker.Web.Domain.Roles.Viewer], []));
        }
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "newcomer01", Temporary);

        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await client.GetAsync("/")));
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await client.GetAsync("/account")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/plans/1/years/2021/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);

        var same = await FormPost.PostAsync(client, "/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = Temporary,
            ["Input.New"] = Temporary,
            ["Input.Confirm"] = Temporary,
        });
        Assert.Contains("現在と同じパスワードは使えません。", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await FormPost.PostAsync(client, "/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = Temporary,
            ["Input.New"] = DemoData.Password + "-x",
            ["Input.Confirm"] = DemoData.Password + "-x",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/plans")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_sessions()
    {
        var here = Factory.CreateBrowserLikeClient();
        var elsewhere = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(here, "editor", DemoData.Password);
        await FormPost.SignInAsync(elsewhere, "editor", DemoData.Password);
        const string NewPassword = "blue-river-stone-2027";

        var changed = await FormPost.PostAsync(here, "/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = DemoData.Password,
            ["Input.New"] = NewPassword,
            ["Input.Confirm"] = NewPassword,
        });
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/")).StatusCode);
        }
        finally
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DxTracker.Web.Data.Identity.ApplicationUser>>();
            var editor = await users.FindByNameAsync("editor");
            await users.RemovePasswordAsync(editor!);
            await users.AddPasswordAsync(editor!, DemoData.Password);
        }
    }

    private async Task<HandlerScope> ScopeWithSessionAsync(string userName, string sessionKey)
    {
        var scope = await HandlerScope.ForAsync(Factory.Services, userName);
        (scope.User.Identity as ClaimsIdentity)!.AddClaim(new Claim(DxClaimTypes.SessionKey, sessionKey));
        return scope;
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = Database.CreateContext();
        return (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
    }

    /// <summary>The session key inside an auth cookie, read with the app's own cookie protection.</summary>
    private Task<string> SessionKeyOfAsync(string cookie)
    {
        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie.Split('=', 2)[1]) ?? throw new InvalidOperationException("not an auth cookie");
        return Task.FromResult(ticket.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")!.Value);
    }

    /// <summary>The auth cookie a client holds ("DxTracker.Auth=…"), taken from a request it makes.</summary>
    private static async Task<string> AuthCookieAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");
        var header = response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : string.Empty;
        return header.Split(';').Select(c => c.Trim()).Single(c => c.StartsWith("DxTracker.Auth=", StringComparison.Ordinal));
    }

    private HttpClient ClientWithCookie(string cookie)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
