using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans.ListPlans;

/// <summary>A row of the plans list (計画一覧).</summary>
public sealed record PlanListRow(int Id, string Name, string Subtitle, string Municipality, int StartYear, int EndYear, int ItemCount, int? LatestYear, PlanYearState? LatestState)
{
    public string PeriodLabel => $"{new FiscalYear(StartYear).Label}～{new FiscalYear(EndYear).Label}";
}

/// <summary>The plans list: every plan is visible to every signed-in user, so no access rule narrows it.</summary>
public sealed class PlanListQuery(IDbContextFactory<AppDbContext> databases)
{
    /// <summary>Every plan with its item count and its latest year's state, in one query.</summary>
    public async Task<List<PlanListRow>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Plans.AsNoTracking()
            .OrderBy(p => p.Municipality).ThenByDescending(p => p.StartYear).ThenBy(p => p.Name)
            .Select(p => new PlanListRow(
                p.Id, p.Name, p.Subtitle, p.Municipality, p.StartYear, p.EndYear,
                db.ActionItems.Count(i => i.PlanId == p.Id),
                p.Years.OrderByDescending(y => y.FiscalYear).Select(y => (int?)y.FiscalYear).FirstOrDefault(),
                p.Years.OrderByDescending(y => y.FiscalYear).Select(y => (PlanYearState?)y.State).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
