using System.Globalization;
using System.Net;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin;

public sealed class DepartmentAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private HttpClient admin = null!;
    private WorkflowScenario scenario = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(admin, "admin", DemoData.Password);
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private Task<HttpResponseMessage> CreateAsync(string code, string name, string reading, string order) =>
        FormPost.PostAsync(admin, "/admin/departments", "new-department", new Dictionary<string, string>
        {
            ["Input.Code"] = code, ["Input.Name"] = name, ["Input.Reading"] = reading, ["Input.SortOrder"] = order,
        });

    private async Task<int> IdAsync(string name)
    {
        await using var db = database.CreateContext();
        return (await db.Departments.SingleAsync(d => d.Name == name)).Id;
    }

    [Fact]
    public async Task Departments_are_listed_by_display_order_then_reading_and_full_width_order_numbers_are_understood()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync("Z900", "総合政策課", "そうごうせいさくか", "９００")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync("Z901", "あおぞら推進室", "あおぞらすいしんしつ", "900")).StatusCode);

        var html = await admin.GetStringAsync("/admin/departments");

        Assert.True(html.IndexOf("あおぞら推進室", StringComparison.Ordinal) < html.IndexOf("総合政策課", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.Equal(900, (await db.Departments.SingleAsync(d => d.Name == "総合政策課")).SortOrder);
    }

    [Fact]
    public async Task Duplicates_and_bad_numbers_get_Japanese_messages()
    {
        var duplicate = await CreateAsync("X001", "総務課", "", "1");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("部署名「総務課」は既に使われています。", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badOrder = await CreateAsync("X002", "新設課", "", "十");
        Assert.Contains("表示順は整数で入力してください", await badOrder.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rename_keeps_the_old_name_for_earlier_years_and_refuses_an_overlapping_year()
    {
        await CreateAsync("R001", "情報政策課", "じょうほうせいさくか", "50");
        var id = await IdAsync("情報政策課");

        var renamed = await FormPost.PostAsync(admin, $"/admin/departments/{id}", "rename", new Dictionary<string, string> { ["Rename.NewName"] = "DX推進課", ["Rename.FromYear"] = "令和４年度" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        await using (var db = database.CreateContext())
        {
            var department = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == id);
            Assert.Equal(("情報政策課", "DX推進課", "DX推進課（情報政策課）"), (department.NameIn(new FiscalYear(2021)), department.NameIn(new FiscalYear(2022)), department.ReportNameFor(new FiscalYear(2021))));
        }

        var overlapping = await FormPost.PostAsync(admin, $"/admin/departments/{id}", "rename", new Dictionary<string, string> { ["Rename.NewName"] = "デジタル戦略課", ["Rename.FromYear"] = "2021" });
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("令和3年度以降にすでに名称変更が登録されています。", await overlapping.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badYear = await FormPost.PostAsync(admin, $"/admin/departments/{id}", "rename", new Dictionary<string, string> { ["Rename.NewName"] = "デジタル戦略課", ["Rename.FromYear"] = "来年" });
        Assert.Contains("を読み取れません", await badYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merging_moves_items_and_users_and_keeps_written_parts_with_their_department()
    {
        await CreateAsync("M001", "統合元課", "とうごうもとか", "60");
        await CreateAsync("M002", "統合先課", "とうごうさきか", "61");
        var source = await IdAsync("統合元課");
        var target = await IdAsync("統合先課");
        await using (var db = database.CreateContext())
        {
            var item = await db.ActionItems.Include(i => i.Departments).SingleAsync(i => i.Id == scenario.OtherItemId);
            item.AssignDepartment(source, DxTracker.Web.Domain.Plans.DepartmentRole.Related);
            var viewer = await db.Users.SingleAsync(u => u.UserName == "viewer");
            db.UserDepartments.Add(new DxTracker.Web.Data.Identity.UserDepartment { UserId = viewer.Id, DepartmentId = source });
            await db.SaveChangesAsync();
        }

        var merged = await FormPost.PostAsync(admin, $"/admin/departments/{source}", "merge", new Dictionary<string, string>
        {
            ["Merge.TargetId"] = target.ToString(CultureInfo.InvariantCulture), ["Merge.FromYear"] = "令和4年度",
        });

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        await using var check = database.CreateContext();
        Assert.False((await check.Departments.SingleAsync(d => d.Id == source)).IsActive);
        Assert.Contains(await check.ItemDepartments.Where(l => l.ItemId == scenario.OtherItemId).Select(l => l.DepartmentId).ToListAsync(), d => d == target);
        Assert.DoesNotContain(await check.ItemDepartments.Select(l => l.DepartmentId).ToListAsync(), d => d == source);
        Assert.True(await check.UserDepartments.AnyAsync(u => u.DepartmentId == target));
        Assert.Contains(await check.AuditEntries.Where(a => a.Action == "Merged").ToListAsync(), a => a.Comment!.Contains("統合先課", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moving_items_splits_a_department_and_refuses_moving_into_itself()
    {
        await CreateAsync("S001", "分割先課", "ぶんかつさきか", "70");
        var target = await IdAsync("分割先課");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "move"), new("__RequestVerificationToken", await FormPost.AntiforgeryTokenAsync(admin, $"/admin/departments/{scenario.HousingId}")),
            new("Move.TargetId", target.ToString(CultureInfo.InvariantCulture)), new("itemId", scenario.OtherItemId.ToString(CultureInfo.InvariantCulture)),
        };

        var moved = await admin.PostAsync($"/admin/departments/{scenario.HousingId}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var db = database.CreateContext();
        Assert.Equal([target], await db.ItemDepartments.Where(l => l.ItemId == scenario.OtherItemId).Select(l => l.DepartmentId).ToListAsync());
    }

    [Fact]
    public async Task Only_administrators_manage_departments()
    {
        var reviewer = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(reviewer, "reviewer", DemoData.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/admin/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/admin/departments/{scenario.SomuId}")).StatusCode);
    }
}
