using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Security;
using DxTracker.Web.Features.Admin.Users;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Web;

/// <summary>Issue 12, finding 5: sign-ins, failures, sign-outs and account changes are in the audit trail, for administrators only.</summary>
public sealed class SecurityEventTests(DatabaseFixture database) : AppTest(database)
{
    [Fact]
    public async Task Sign_in_failure_sign_out_and_account_changes_are_recorded_with_the_address()
    {
        var client = Factory.CreateBrowserLikeClient("203.0.113.7");
        await FormPost.SignInAsync(client, "editor2", "wrong-password-1");
        await FormPost.SignInAsync(client, "no-such-user", "wrong-password-1");
        await FormPost.SignInAsync(client, "editor2", DemoData.Password);
        await FormPost.PostAsync(client, "/", "", new Dictionary<string, string>(), "/account/logout");
        string id;
        await using (var scope = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            var users = scope.Get<UserAdministration>();
            id = await users.CreateAsync("security01", "first-key-2027", new UserSettings("監査 対象", [Roles.Viewer], []));
            await users.UpdateAsync(id, new UserSettings("監査 対象", [Roles.Reviewer], []));
            await users.ResetPasswordAsync(id, "second-key-2027");
            await users.SetActiveAsync(id, false);
        }

        await using var db = Database.CreateContext();
        var events = await db.AuditEntries.Where(a => a.EntityType == SecurityEvents.EntityType).OrderBy(a => a.Id).ToListAsync();
        var failure = events.First(e => e.Action == SecurityActions.SignInFailed && e.NewValue == "editor2");
        Assert.Equal("パスワードの誤り　接続元：203.0.113.7", failure.Comment);
        var unknown = events.Single(e => e.Action == SecurityActions.SignInFailed && e.UserId == null);
        Assert.Equal("（不明）", unknown.UserName);
        Assert.DoesNotContain(events, e => (e.Comment ?? "").Contains("no-such-user", StringComparison.Ordinal) || e.UserName == "no-such-user");
        Assert.Contains(events, e => e.Action == SecurityActions.SignedIn && e.UserName == "editor2");
        Assert.Contains(events, e => e.Action == SecurityActions.SignedOut && e.UserName == "editor2");
        var changes = events.Where(e => e.EntityId == id).Select(e => (e.Action, e.UserName, e.Comment)).ToList();
        Assert.Equal(
        [
            (SecurityActions.UserCreated, "admin", "権限：閲覧者"),
            (SecurityActions.RolesChanged, "admin", "閲覧者 → デジタル推進課"),
            (SecurityActions.PasswordReset, "admin", null),
            (SecurityActions.Deactivated, "admin", null),
        ], changes);
    }

    [Fact]
    public async Task Only_administrators_read_the_security_log()
    {
        var client = Factory.CreateBrowserLikeClient("203.0.113.8");
        await FormPost.SignInAsync(client, "viewer", "wrong-password-1");

        await using (var admin = await HandlerScope.ForAsync(Factory.Services, "admin"))
        {
            var page = await admin.Get<SecurityLogQuery>().PageAsync("viewer", SecurityActions.SignInFailed, 0, 50);
            Assert.NotEmpty(page.Rows);
            Assert.All(page.Rows, r => Assert.Equal("ログイン失敗", SecurityActions.Label(r.Action)));
        }
        foreach (var user in new[] { "reviewer", "editor", "viewer" })
        {
            await using var scope = await HandlerScope.ForAsync(Factory.Services, user);
            await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<SecurityLogQuery>().PageAsync(null, null, 0, 50));
        }
    }
}
