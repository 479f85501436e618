using System.ComponentModel.DataAnnotations;
using System.Net;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Components;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin;
using DxTracker.Web.Features.Admin.Departments;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin;

/// <summary>組織改正 through its handler, as the interactive pages call it.</summary>
public sealed class DepartmentAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private WorkflowScenario scenario = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        _ = factory.Server;
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<T> AsAdminAsync<T>(Func<DepartmentAdministration, Task<T>> action)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        return await action(scope.Get<DepartmentAdministration>());
    }

    private async Task AsAdminAsync(Func<DepartmentAdministration, Task> action)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        await action(scope.Get<DepartmentAdministration>());
    }

    private Task<int> CreateAsync(string code, string name, string reading, string order) =>
        AsAdminAsync(a => a.CreateAsync(code, name, reading, WholeNumber.Parse(order, "表示順") ?? 0));

    private async Task<string> RefusalAsync(Func<DepartmentAdministration, Task> action) =>
        (await Assert.ThrowsAsync<DomainRuleException>(() => AsAdminAsync(action))).Message;

    [Fact]
    public async Task Departments_are_listed_by_display_order_then_reading_and_full_width_order_numbers_are_understood()
    {
        await CreateAsync("Z900", "総合政策課", "そうごうせいさくか", "９００");
        await CreateAsync("Z901", "あおぞら推進室", "あおぞらすいしんしつ", "900");

        var names = (await AsAdminAsync(a => a.ListAsync())).Select(d => d.Name).ToList();

        Assert.True(names.IndexOf("あおぞら推進室") < names.IndexOf("総合政策課"));
        await using var db = database.CreateContext();
        var created = await db.Departments.SingleAsync(d => d.Name == "総合政策課");
        Assert.Equal(900, created.SortOrder);
        var key = created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("admin", (await db.AuditEntries.FirstAsync(a => a.EntityType == nameof(Department) && a.EntityId == key)).UserName);
    }

    [Fact]
    public async Task Duplicates_and_bad_numbers_get_Japanese_messages()
    {
        Assert.Equal("部署名「総務課」は既に使われています。", await RefusalAsync(a => a.CreateAsync("X001", "総務課", "", 1)));

        var badOrder = new WholeNumberTextAttribute("表示順").GetValidationResult("十", new ValidationContext(new object()) { MemberName = "SortOrder" });
        Assert.StartsWith("表示順は整数で入力してください", badOrder!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["SortOrder"], badOrder.MemberNames);
        Assert.Equal(ValidationResult.Success, new WholeNumberTextAttribute("表示順").GetValidationResult("１５", new ValidationContext(new object())));
    }

    [Fact]
    public async Task A_rename_keeps_the_old_name_for_earlier_years_and_refuses_an_overlapping_year()
    {
        var id = await CreateAsync("R001", "情報政策課", "じょうほうせいさくか", "50");

        await AsAdminAsync(a => a.RenameAsync(id, "DX推進課", FiscalYear.Parse("令和４年度")));
        await using (var db = database.CreateContext())
        {
            var department = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == id);
            Assert.Equal(("情報政策課", "DX推進課", "DX推進課（情報政策課）"), (department.NameIn(new FiscalYear(2021)), department.NameIn(new FiscalYear(2022)), department.ReportNameFor(new FiscalYear(2021))));
        }

        Assert.Equal("令和4年度からの名称変更がすでに登録されています。それより前の年度からの名称変更はできません。", await RefusalAsync(a => a.RenameAsync(id, "デジタル戦略課", FiscalYear.Parse("2021"))));
        // 令和2年度 (2020) is closed in the scenario: a rename from it would change its report.
        Assert.Equal(
            "令和2年度は確定済みのため、令和2年度からの名称変更はできません（確定した報告書の部署名が変わります）。令和3年度以降から選んでください。",
            await RefusalAsync(a => a.RenameAsync(id, "デジタル戦略課", FiscalYear.Parse("2020"))));
        var badYear = new FiscalYearTextAttribute().GetValidationResult("来年", new ValidationContext(new object()) { MemberName = "FromYear" });
        Assert.Contains("を読み取れません", badYear!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rename_registered_after_the_year_before_it_was_closed_leaves_that_years_report_as_it_was_closed()
    {
        // 令和2年度 (2020) is closed in the scenario; 令和3年度 is open.
        var late = await CreateAsync("R201", "財政課", "ざいせいか", "52");
        var timely = await CreateAsync("R202", "税務課", "ぜいむか", "53");
        await AsAdminAsync(a => a.RenameAsync(late, "財務課", new FiscalYear(2021)));
        await AsAdminAsync(a => a.RenameAsync(timely, "税務管理課", new FiscalYear(2022)));

        await using var db = database.CreateContext();
        var renamedLate = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == late);
        var renamedInTime = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == timely);
        Assert.Equal(("財政課", "財務課"), (renamedLate.ReportNameFor(new FiscalYear(2020)), renamedLate.ReportNameFor(new FiscalYear(2021))));
        Assert.Equal("税務管理課（税務課）", renamedInTime.ReportNameFor(new FiscalYear(2021)));
    }

    [Fact]
    public async Task A_rename_is_checked_for_its_year_its_name_and_the_renames_before_it_and_never_clashes_in_the_database()
    {
        var id = await CreateAsync("R101", "庶務課", "しょむか", "51");
        await AsAdminAsync(a => a.RenameAsync(id, "総務管財課", new FiscalYear(2023)));

        // Again from the year the rename takes effect: it corrects the new name (before: a unique-index clash, the 503 page).
        await AsAdminAsync(a => a.RenameAsync(id, "総務契約課", new FiscalYear(2023)));
        Assert.Equal("「庶務課」は令和4年度までの名称です。令和5年度からの新しい名称を入力してください。", await RefusalAsync(a => a.RenameAsync(id, "庶務課", new FiscalYear(2023))));
        Assert.Equal("令和5年度からの名称変更がすでに登録されています。それより前の年度からの名称変更はできません。", await RefusalAsync(a => a.RenameAsync(id, "財務課", new FiscalYear(2022))));
        Assert.Equal("「総務契約課」は令和6年度の名称と同じです。新しい名称を入力してください。", await RefusalAsync(a => a.RenameAsync(id, "総務契約課", new FiscalYear(2024))));
        Assert.StartsWith("名称変更の年度は、計画の期間（", await RefusalAsync(a => a.RenameAsync(id, "未来課", new FiscalYear(2062))), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var department = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == id);
        Assert.Equal(("庶務課", "総務契約課"), (department.NameIn(new FiscalYear(2022)), department.NameIn(new FiscalYear(2023))));
        Assert.Single(department.FormerNames);
    }

    [Fact]
    public void A_years_report_names_that_year_and_the_next_and_a_later_rename_leaves_it_as_it_was()
    {
        var department = new Department("X1", "総務課", "そうむか", 1);
        department.Rename("総務管財課", new FiscalYear(2022));
        Assert.Equal(("総務課", "総務管財課（総務課）", "総務管財課"), (department.ReportNameFor(new FiscalYear(2020)), department.ReportNameFor(new FiscalYear(2021)), department.ReportNameFor(new FiscalYear(2022))));

        department.Rename("総務部総務課", new FiscalYear(2025));

        Assert.Equal("総務管財課（総務課）", department.ReportNameFor(new FiscalYear(2021)));
        Assert.Equal("総務部総務課（総務管財課）", department.ReportNameFor(new FiscalYear(2024)));
        Assert.Equal("総務管財課", department.NameIn(new FiscalYear(2023)));
    }

    [Fact]
    public async Task Merging_moves_items_and_users_and_keeps_written_parts_with_their_department()
    {
        var source = await CreateAsync("M001", "統合元課", "とうごうもとか", "60");
        var target = await CreateAsync("M002", "統合先課", "とうごうさきか", "61");
        await using (var db = database.CreateContext())
        {
            var item = await db.ActionItems.Include(i => i.Departments).SingleAsync(i => i.Id == scenario.OtherItemId);
            item.AssignDepartment(source, DxTracker.Web.Domain.Plans.DepartmentRole.Related);
            var viewer = await db.Users.SingleAsync(u => u.UserName == "viewer");
            db.UserDepartments.Add(new DxTracker.Web.Data.Identity.UserDepartment { UserId = viewer.Id, DepartmentId = source });
            await db.SaveChangesAsync();
        }
        Assert.Equal("統合先には別の部署を選んでください。", await RefusalAsync(a => a.MergeAsync(source, source, new FiscalYear(2022))));
        Assert.DoesNotContain(await AsAdminAsync(a => a.TargetsAsync(source)), t => t.Id == source);

        await AsAdminAsync(a => a.MergeAsync(source, target, FiscalYear.Parse("令和4年度")));

        await using var check = database.CreateContext();
        Assert.False((await check.Departments.SingleAsync(d => d.Id == source)).IsActive);
        Assert.Contains(await check.ItemDepartments.Where(l => l.ItemId == scenario.OtherItemId).Select(l => l.DepartmentId).ToListAsync(), d => d == target);
        Assert.DoesNotContain(await check.ItemDepartments.Select(l => l.DepartmentId).ToListAsync(), d => d == source);
        Assert.True(await check.UserDepartments.AnyAsync(u => u.DepartmentId == target));
        var merged = Assert.Single(await check.AuditEntries.Where(a => a.Action == "Merged").ToListAsync());
        Assert.Contains("統合先課", merged.Comment!, StringComparison.Ordinal);
        Assert.Equal("admin", merged.UserName);
        Assert.Equal("統合先には別の部署を選んでください。", await RefusalAsync(a => a.MergeAsync(target, target, new FiscalYear(2022))));
    }

    [Fact]
    public async Task Moving_items_splits_a_department_and_refuses_moving_into_itself()
    {
        var target = await CreateAsync("S001", "分割先課", "ぶんかつさきか", "70");
        Assert.Equal("移動先には別の部署を選んでください。", await RefusalAsync(a => a.MoveItemsAsync(scenario.HousingId, scenario.HousingId, [scenario.OtherItemId])));
        Assert.Equal("移動する項目を1件以上選んでください。", await RefusalAsync(a => a.MoveItemsAsync(scenario.HousingId, target, [])));
        Assert.Contains(await AsAdminAsync(a => a.ItemsAsync(scenario.HousingId)), i => i.ItemId == scenario.OtherItemId);

        await AsAdminAsync(a => a.MoveItemsAsync(scenario.HousingId, target, [scenario.OtherItemId]));

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
