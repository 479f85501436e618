using System.Net;
using System.Text.RegularExpressions;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin;

public sealed class UserAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(admin, "admin", DemoData.Password);
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

    private async Task<HttpResponseMessage> CreateAsync(string userName, string password, string role, int? departmentId)
    {
        var token = await FormPost.AntiforgeryTokenAsync(admin, "/admin/users/new");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "new-user"), new("__RequestVerificationToken", token),
            new("Input.UserName", userName), new("Input.DisplayName", "新規 職員"), new("Input.Password", password), new("Roles", role),
        };
        if (departmentId is { } id)
        {
            fields.Add(new("DepartmentIds", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return await admin.PostAsync("/admin/users/new", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_new_user_must_change_the_temporary_password_at_first_sign_in()
    {
        var created = await CreateAsync("kikaku01", "temporary-2026", "Editor", await DepartmentIdAsync("住宅課"));
        Assert.Equal("/admin/users?done=created", FormPost.RedirectTarget(created));
        Assert.Contains("kikaku01", await admin.GetStringAsync("/admin/users"), StringComparison.Ordinal);

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
        var weak = await CreateAsync("weak01", "aaaaaaaaaa", "Viewer", null);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("パスワードには数字（0-9）を1文字以上含めてください。", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noDepartment = await CreateAsync("nodept01", "temporary-2026", "Editor", null);
        Assert.Contains("担当課職員には所属部署を1つ以上選んでください。", await noDepartment.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var duplicate = await CreateAsync("editor", "temporary-2026", "Viewer", null);
        Assert.Contains("ユーザーID「editor」は既に使われています。", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "weak01" || u.UserName == "nodept01"));
    }

    [Fact]
    public async Task A_reset_password_must_be_changed_and_a_deactivated_user_cannot_sign_in()
    {
        await CreateAsync("reset01", "temporary-2026", "Viewer", null);
        var id = await UserIdAsync("reset01");

        var reset = await FormPost.PostAsync(admin, $"/admin/users/{id}", "password", new Dictionary<string, string> { ["Password.Temporary"] = "another-temp-7" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var user = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(user, "reset01", "another-temp-7");
        Assert.Equal("/account/change-password", FormPost.RedirectTarget(await user.GetAsync("/")));

        var deactivate = await FormPost.PostAsync(admin, $"/admin/users/{id}", "activation", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        var again = factory.CreateBrowserLikeClient();
        var refused = await FormPost.SignInAsync(again, "reset01", "another-temp-7");
        Assert.Contains("このアカウントは現在利用できません。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_administrator_can_neither_lose_the_role_nor_be_deactivated()
    {
        var id = await UserIdAsync("admin");
        var token = await FormPost.AntiforgeryTokenAsync(admin, $"/admin/users/{id}");

        var demote = await admin.PostAsync($"/admin/users/{id}", new FormUrlEncodedContent(
        [
            new("_handler", "settings"), new("__RequestVerificationToken", token), new("Input.DisplayName", "管理 太郎"), new("Roles", "Viewer"),
        ]));
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("最後の管理者の権限は外せません", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deactivate = await FormPost.PostAsync(admin, $"/admin/users/{id}", "activation", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, deactivate.StatusCode);
        await using var db = database.CreateContext();
        Assert.True((await db.Users.SingleAsync(u => u.Id == id)).IsActive);
    }

    [Fact]
    public async Task Roles_and_departments_can_be_changed()
    {
        await CreateAsync("move01", "temporary-2026", "Editor", await DepartmentIdAsync("住宅課"));
        var id = await UserIdAsync("move01");
        var token = await FormPost.AntiforgeryTokenAsync(admin, $"/admin/users/{id}");
        var somu = (await DepartmentIdAsync("総務課")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var saved = await admin.PostAsync($"/admin/users/{id}", new FormUrlEncodedContent(
        [
            new("_handler", "settings"), new("__RequestVerificationToken", token), new("Input.DisplayName", "異動 職員"),
            new("Roles", "Editor"), new("Roles", "Viewer"), new("DepartmentIds", somu),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await admin.GetStringAsync("/admin/users");
        Assert.Matches(new Regex("move01</td>\\s*<td>異動 職員</td>\\s*<td>担当課職員、閲覧者</td>\\s*<td>総務課</td>"), list);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Only_administrators_reach_user_administration(string userName)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, userName, DemoData.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users/new")).StatusCode);
    }
}
