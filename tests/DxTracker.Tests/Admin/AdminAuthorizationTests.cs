using DxTracker.Tests.Admin.Plans;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Import;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Departments;
using DxTracker.Web.Features.Admin.Plans;
using DxTracker.Web.Features.Admin.Users;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Admin;

/// <summary>
/// Every mutating handler of user, department and import administration refuses anyone but an administrator, whatever
/// page calls it, and a refusal changes no row.
/// </summary>
public sealed class AdminAuthorizationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { "editor", "reviewer", "viewer" })
        {
            foreach (var action in Actions.Keys)
            {
                data.Add(role, action);
            }
        }
        return data;
    }

    private static readonly Dictionary<string, Func<IServiceProvider, Ids, Task>> Actions = new()
    {
        ["user.create"] = (s, _) => s.GetRequiredService<UserAdministration>().CreateAsync("intruder01", "temporary-2026", new UserSettings("侵入 者", [Roles.Admin], [])),
        ["user.update"] = (s, ids) => s.GetRequiredService<UserAdministration>().UpdateAsync(ids.ViewerId, new UserSettings("変更 者", [Roles.Admin], [])),
        ["user.deactivate"] = (s, ids) => s.GetRequiredService<UserAdministration>().SetActiveAsync(ids.ViewerId, false),
        ["user.reset-password"] = (s, ids) => s.GetRequiredService<UserAdministration>().ResetPasswordAsync(ids.AdminId, "taken-over-2026"),
        ["user.list"] = (s, _) => s.GetRequiredService<UserAdministration>().ListAsync(),
        ["user.reset-two-factor"] = (s, ids) => s.GetRequiredService<UserAdministration>().ResetTwoFactorAsync(ids.AdminId),
        ["user.end-sessions"] = (s, ids) => s.GetRequiredService<DxTracker.Web.Features.Account.SessionAdministration>().EndAllForUserAsync(ids.AdminId),
        ["security.log"] = (s, _) => s.GetRequiredService<DxTracker.Web.Features.Admin.Security.SecurityLogQuery>().PageAsync(null, null, 0, 50),
        ["department.create"] = (s, _) => s.GetRequiredService<DepartmentAdministration>().CreateAsync("Q001", "不正課", "ふせいか", 1),
        ["department.order"] = (s, ids) => s.GetRequiredService<DepartmentAdministration>().SetOrderAsync(ids.Scenario.SomuId, 999, "ぞ"),
        ["department.rename"] = (s, ids) => s.GetRequiredService<DepartmentAdministration>().RenameAsync(ids.Scenario.SomuId, "改名課", new FiscalYear(2022)),
        ["department.merge"] = (s, ids) => s.GetRequiredService<DepartmentAdministration>().MergeAsync(ids.Scenario.HousingId, ids.Scenario.SomuId, new FiscalYear(2022)),
        ["department.move-items"] = (s, ids) => s.GetRequiredService<DepartmentAdministration>().MoveItemsAsync(ids.Scenario.HousingId, ids.Scenario.SomuId, [ids.Scenario.OtherItemId]),
        ["import.plan-file"] = (s, _) => s.GetRequiredService<PlanFileImport>().ImportAsync(ImportTestData.Fixture("suita-whole-plan.json"), "suita.json"),
        ["import.plan-file.preview"] = (s, _) => s.GetRequiredService<PlanFileImport>().PreviewAsync(ImportTestData.Fixture("suita-whole-plan.json"), "suita.json"),
        ["import.workbook"] = (s, _) => s.GetRequiredService<WorkbookImport>().ImportAsync(ResultsWorkbookReaderTests.Tokushima(), new WorkbookDestination(null, "鳴門市", new FiscalYear(2019), new FiscalYear(2026))),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_an_administrator_may(string userName, string action)
    {
        var before = await SnapshotAsync();
        var ids = new Ids(scenario, await UserIdAsync("viewer"), await UserIdAsync("admin"));

        await using (var scope = await HandlerScope.ForAsync(factory.Services, userName))
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Actions[action](scope.Services, ids));
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Nobody_signed_in_may_either()
    {
        await using var scope = HandlerScope.Anonymous(factory.Services);
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<DepartmentAdministration>().CreateAsync("Q002", "匿名課", "", 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<UserAdministration>().ListAsync());
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = database.CreateContext();
        return (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
    }

    /// <summary>Every row the handlers of this area write, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = database.CreateContext();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.DisplayName}:{u.IsActive}:{u.SecurityStamp}:{u.PasswordHash}:{u.MustChangePassword}").ToListAsync();
        var roles = await db.UserRoles.OrderBy(r => r.UserId).ThenBy(r => r.RoleId).Select(r => $"{r.UserId}:{r.RoleId}").ToListAsync();
        var memberships = await db.UserDepartments.OrderBy(u => u.UserId).ThenBy(u => u.DepartmentId).Select(u => $"{u.UserId}:{u.DepartmentId}").ToListAsync();
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.Name}:{d.SortOrder}:{d.IsActive}:{d.FormerNames.Count}").ToListAsync();
        var links = await db.ItemDepartments.OrderBy(l => l.ItemId).ThenBy(l => l.DepartmentId).Select(l => $"{l.ItemId}:{l.DepartmentId}").ToListAsync();
        var plans = await db.Plans.CountAsync();
        var audit = await db.AuditEntries.CountAsync();
        return string.Join("\n", [.. users, .. roles, .. memberships, .. departments, .. links, $"plans {plans}", $"audit {audit}"]);
    }

    public sealed record Ids(WorkflowScenario Scenario, string ViewerId, string AdminId);
}
