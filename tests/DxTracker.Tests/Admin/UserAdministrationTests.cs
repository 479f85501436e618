using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Users;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin;

/// <summary>User administration through its handler, as the interactive pages call it; sign-in and password change over HTTP.</summary>
public sealed class UserAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        _ = factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<int> DepartmentIdAsync(string name)
    {
        await using var db = database.CreateContext();
        return (await db.Departments.SingleAsync(d => d.Name == name)).Id;
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = database.CreateContext();
        return (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
    }

    private async Task<string> StampAsync(string userName)
    {
        await using var db = database.CreateContext();
        return (await db.Users.SingleAsync(u => u.UserName == userName)).SecurityStamp!;
    }

    private async Task<T> AsAdminAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        return await action(scope.Get<UserAdministration>());
    }

    private async Task AsAdminAsync(Func<UserAdministration, Task> action)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        await action(scope.Get<UserAdministration>());
    }

    private Task<string> CreateAsync(string userName, string password, string role, int? departmentId) =>
        AsAdminAsync(a => a.CreateAsync(userName, password, new UserSettings("新規 職員", [role], departmentId is { } id ? [id] : [])));

    private async Task<string> RefusalAsync(Func<UserAdministration, Task> action) =>
        (await Assert.ThrowsAsync<DomainRuleException>(() => AsAdminAsync(action))).Message;

    [Fact]
    public async Task A_new_user_must_change_the_temporary_password_at_first_sign_in()
    {
        await CreateAsync("kikaku01", "temporary-2026", "Editor", await DepartmentIdAsync("住宅課"));
        Assert.Contains(await AsAdminAsync(a => a.ListAsync()), u => u.UserName == "kikaku01" && u.StateLabel == "パスワード変更待ち");
        Assert.Contains("kikaku01", await (await SignedInAsync("admin")).GetStringAsync("/admin/users"), StringComparison.Ordinal);

        var user = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(user, "kikaku01", "temporary-2026");
        var home = await user.GetAsync("/");
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(home));

        var mismatch = await FormPost.PostAsync(user, "/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = "temporary-2026", ["Input.New"] = "my-own-pass-9", ["Input.Confirm"] = "my-own-pass-8",
        });
        Assert.Contains("確認用のパスワードが一致しません。", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await FormPost.PostAsync(user, "/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = "temporary-2026", ["Input.New"] = "my-own-pass-9", ["Input.Confirm"] = "my-own-pass-9",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_Japanese_messages_and_creates_nobody()
    {
        Assert.Contains("パスワードは12文字以上にしてください。", await RefusalAsync(a => a.CreateAsync("weak01", "aaaaaaaaaa", new UserSettings("新規 職員", [Roles.Viewer], []))), StringComparison.Ordinal);
        Assert.Equal("担当課職員には所属部署を1つ以上選んでください。", await RefusalAsync(a => a.CreateAsync("nodept01", "temporary-2026", new UserSettings("新規 職員", [Roles.Editor], []))));
        Assert.Contains("ユーザーID「editor」は既に使われています。", await RefusalAsync(a => a.CreateAsync("editor", "temporary-2026", new UserSettings("新規 職員", [Roles.Viewer], []))), StringComparison.Ordinal);
        Assert.Equal("権限を1つ以上選んでください。", await RefusalAsync(a => a.CreateAsync("norole01", "temporary-2026", new UserSettings("新規 職員", [], []))));
        Assert.Equal("氏名を入力してください。", await RefusalAsync(a => a.CreateAsync("noname01", "temporary-2026", new UserSettings(" ", [Roles.Viewer], []))));
        Assert.Equal("存在しない部署が指定されました。画面を開き直してください。", await RefusalAsync(a => a.CreateAsync("ghost01", "temporary-2026", new UserSettings("新規 職員", [Roles.Viewer], [999_999]))));

        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => new[] { "weak01", "nodept01", "norole01", "noname01", "ghost01" }.Contains(u.UserName)));
    }

    [Fact]
    public void The_page_shows_a_missing_role_or_department_at_its_field()
    {
        Assert.Equal(new UserSettingsProblem(UserField.Roles, "権限を1つ以上選んでください。"), UserAdministration.ProblemOf(new UserSettings("職員", [], [])));
        Assert.Equal(UserField.Departments, UserAdministration.ProblemOf(new UserSettings("職員", [Roles.Editor], []))!.Field);
        Assert.Null(UserAdministration.ProblemOf(new UserSettings("職員", [Roles.Viewer], [])));
    }

    [Fact]
    public async Task A_reset_password_must_be_changed_and_a_deactivated_user_cannot_sign_in()
    {
        var id = await CreateAsync("reset01", "temporary-2026", "Viewer", null);
        var stamp = await StampAsync("reset01");

        await AsAdminAsync(a => a.ResetPasswordAsync(id, "another-temp-2027"));
        var user = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(user, "reset01", "another-temp-2027");
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await user.GetAsync("/")));

        await AsAdminAsync(a => a.SetActiveAsync(id, false));
        Assert.NotEqual(stamp, await StampAsync("reset01"));
        Assert.False((await AsAdminAsync(a => a.GetAsync(id))).IsActive);
        var again = factory.CreateBrowserLikeClient();
        var refused = await FormPost.SignInAsync(again, "reset01", "another-temp-2027");
        // The same answer as for a wrong password or an unknown user ID: nobody learns that the account exists.
        Assert.Contains(DxTracker.Web.Features.Account.Login.RefusedMessage, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode);

        await AsAdminAsync(a => a.SetActiveAsync(id, true));
        Assert.True((await AsAdminAsync(a => a.GetAsync(id))).IsActive);
    }

    [Fact]
    public async Task The_last_administrator_can_neither_lose_the_role_nor_be_deactivated()
    {
        var id = await UserIdAsync("admin");

        Assert.StartsWith("最後の管理者の権限は外せません", await RefusalAsync(a => a.UpdateAsync(id, new UserSettings("管理 太郎", [Roles.Viewer], []))), StringComparison.Ordinal);
        Assert.StartsWith("最後の管理者の権限は外せません", await RefusalAsync(a => a.SetActiveAsync(id, false)), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.True((await db.Users.SingleAsync(u => u.Id == id)).IsActive);
        Assert.Contains(Roles.Admin, (await AsAdminAsync(a => a.GetAsync(id))).Roles);
    }

    [Fact]
    public async Task Two_administrators_demoting_each_other_at_the_same_moment_leave_one_administrator()
    {
        var first = await UserIdAsync("admin");
        var second = await CreateAsync("admin2", "Kanri-Niban-2026", Roles.Admin, null);
        for (var round = 1; round <= 5; round++)
        {
            // Both administrators have the page open (signed in as administrators) and press at the same moment.
            await using var one = await HandlerScope.ForAsync(factory.Services, "admin");
            await using var two = await HandlerScope.ForAsync(factory.Services, "admin2");
            var outcomes = await Task.WhenAll(
                Task.Run(() => OutcomeAsync(one, a => round % 2 == 0 ? a.SetActiveAsync(second, false) : a.UpdateAsync(second, new UserSettings("管理 二郎", [Roles.Viewer], [])))),
                Task.Run(() => OutcomeAsync(two, a => a.UpdateAsync(first, new UserSettings("管理 太郎", [Roles.Viewer], [])))));

            Assert.Equal(1, outcomes.Count(o => o == "done"));
            Assert.Single(outcomes, o => o.StartsWith("最後の管理者の権限は外せません", StringComparison.Ordinal));
            await using (var db = database.CreateContext())
            {
                var admins = await (from u in db.Users
                                    join ur in db.UserRoles on u.Id equals ur.UserId
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where r.Name == Roles.Admin && u.IsActive
                                    select u.UserName).ToListAsync();
                Assert.Single(admins);
            }

            // Both administrators again for the next round, by whichever one remains.
            var remaining = outcomes[0] == "done" ? "admin" : "admin2";
            await using var scope = await HandlerScope.ForAsync(factory.Services, remaining);
            var administration = scope.Get<UserAdministration>();
            await administration.SetActiveAsync(second, true);
            await administration.UpdateAsync(first, new UserSettings("管理 太郎", [Roles.Admin], []));
            await administration.UpdateAsync(second, new UserSettings("管理 二郎", [Roles.Admin], []));
        }
    }

    private static async Task<string> OutcomeAsync(HandlerScope scope, Func<UserAdministration, Task> action)
    {
        try
        {
            await action(scope.Get<UserAdministration>());
            return "done";
        }
        catch (DomainRuleException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public async Task Roles_and_departments_can_be_changed_and_the_users_sessions_are_revalidated()
    {
        var id = await CreateAsync("move01", "temporary-2026", "Editor", await DepartmentIdAsync("住宅課"));
        var stamp = await StampAsync("move01");
        var somu = await DepartmentIdAsync("総務課");

        await AsAdminAsync(a => a.UpdateAsync(id, new UserSettings("異動 職員", [Roles.Editor, Roles.Viewer], [somu])));

        var row = Assert.Single(await AsAdminAsync(a => a.ListAsync()), u => u.UserName == "move01");
        Assert.Equal(("異動 職員", "担当課職員、閲覧者", "総務課"), (row.DisplayName, string.Join("、", row.Roles.Select(Roles.DisplayName)), string.Join("、", row.Departments)));
        Assert.NotEqual(stamp, await StampAsync("move01"));
        var details = await AsAdminAsync(a => a.GetAsync(id));
        Assert.Equal([somu], details.DepartmentIds);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Only_administrators_reach_user_administration(string userName)
    {
        var client = await SignedInAsync(userName);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users/new")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, userName, DemoData.Password);
        return client;
    }
}
