using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>The plan the page measurements use: generated, 500 items over 8 years, its last year open; made once per database.</summary>
public sealed record MeasuredPlan(int PlanId, int ItemId, int Year)
{
    private const string Municipality = "計測市";

    /// <summary>The plan, and an item of it that is evaluated in the open year.</summary>
    public static async Task<MeasuredPlan> GetAsync(string connectionString)
    {
        await using var db = TestDatabase.CreateAuditedContext(connectionString, "setup");
        var planId = await db.Plans.Where(p => p.Municipality == Municipality).Select(p => (int?)p.Id).SingleOrDefaultAsync()
            ?? (await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 500, Municipality = Municipality })).PlanId;
        var open = await db.PlanYears.Where(y => y.PlanId == planId && y.State == PlanYearState.Open).Select(y => y.FiscalYear).FirstAsync();
        var items = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).OrderBy(i => i.SortOrder).ToListAsync();
        var item = items.First(i => i.IsActiveIn(new FiscalYear(open)));
        return new MeasuredPlan(planId, item.Id, open);
    }
}
