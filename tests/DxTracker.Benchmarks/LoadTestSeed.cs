using System.Globalization;
using System.Text.Json;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DxTracker.Benchmarks;

/// <summary>
/// `seed-load CONNECTION USERS OUTPUT`: prepares the deadline-week load test (scripts/loadtest.sh) — a migrated
/// database with a generated 500-item, 8-year plan whose last year is open, and USERS editors, each with an item
/// of their own department to write, listed in OUTPUT (JSON) for the load script.
/// </summary>
internal static class LoadTestSeed
{
    public const string Password = "load-pass-2026";

    public static async Task<int> RunAsync(string connectionString, int userCount, string output)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<AppDbContext>(o => o.UseNpgsql(connectionString, ServiceRegistration.ConfigureNpgsql));
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        var plan = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 500, Municipality = "負荷試験市" });
        var year = plan.LastYear;

        // Items of the open year, each with its lead department, made editable again (the generator leaves
        // some submitted or approved), so that every user saves drafts for the whole run.
        var targets = await db.ItemDepartments.AsNoTracking()
            .Where(l => l.Role == DepartmentRole.Lead)
            .Join(db.ActionItems.Where(i => i.PlanId == plan.PlanId).Where(ActionItem.ActiveIn(year)), l => l.ItemId, i => i.Id, (l, i) => new { i.Id, l.DepartmentId, i.SortOrder })
            .OrderBy(x => x.SortOrder)
            .Take(userCount)
            .ToListAsync();
        if (targets.Count < userCount)
        {
            throw new InvalidOperationException($"only {targets.Count} items for {userCount} users");
        }
        var ids = targets.Select(t => t.Id).ToList();
        await db.Evaluations.Where(e => ids.Contains(e.ItemId) && e.FiscalYear == year && e.Status != EvaluationStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EvaluationStatus.Draft));
        await db.EvaluationParts.Where(p => db.Evaluations.Any(e => e.Id == p.EvaluationId && ids.Contains(e.ItemId) && e.FiscalYear == year))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsSubmitted, false));

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)).ToList())
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var list = new List<object>();
        for (var i = 0; i < targets.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"load{i + 1:000}");
            var user = new ApplicationUser { UserName = name, DisplayName = $"負荷 {i + 1}" };
            user.Departments.Add(new UserDepartment { DepartmentId = targets[i].DepartmentId });
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, Roles.Editor));
            list.Add(new { user = name, password = Password, planId = plan.PlanId, itemId = targets[i].Id, year, departmentId = targets[i].DepartmentId });
        }
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(list));
        await Console.Out.WriteLineAsync($"seeded plan {plan.PlanId} ({plan.ItemIds.Count} items, FY{plan.FirstYear}-{plan.LastYear}) and {list.Count} editors -> {output}");
        return 0;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
