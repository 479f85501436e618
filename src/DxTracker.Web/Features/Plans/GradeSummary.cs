using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

/// <summary>An item's standing in one fiscal year: whether it is evaluated that year, and its evaluation if there is one.</summary>
public sealed record ItemYearState(int ItemId, int PolicyId, bool Active, EvaluationStatus? Status, string? SelfRating, string? FinalRating)
{
    /// <summary>The rating that counts: the reviewer's final rating when set, else the self-rating.</summary>
    public string? EffectiveRating => FinalRating ?? SelfRating;
}

/// <summary>The year's 自己評価結果 and the items rated with an outcome mark (完了, 廃止 …), counted apart from the shares.</summary>
public sealed record PlanYearSummary(YearSummary Summary, IReadOnlyList<(GradeView Mark, int Count)> Outcomes);

/// <summary>
/// 自己評価結果 of a plan year as the plan page and the API show it, counted as the annual report counts:
/// only items active in the year, and only approved evaluations (承認済), with the final rating where the
/// reviewer set one. An active item without an approved evaluation counts as 未評価, so the shares never
/// move while departments are still typing and always match the published report.
/// </summary>
internal static class GradeSummary
{
    public static PlanYearSummary Compute(PlanHeader plan, IEnumerable<ItemYearState> items)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(items);
        var scale = plan.Scale;
        var scaleCodes = scale.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var evaluated = new List<EvaluatedItem>();
        foreach (var item in items.Where(i => i.Active))
        {
            var rating = item.Status == EvaluationStatus.Approved ? item.EffectiveRating : null;
            if (rating is not null && !scaleCodes.Contains(rating))
            {
                outcomes[rating] = outcomes.GetValueOrDefault(rating) + 1;
                continue;
            }
            evaluated.Add(new EvaluatedItem(item.ItemId, item.PolicyId, rating));
        }
        var summary = YearSummary.Compute(scale.Select(g => g.ToDefinition()).ToList(), evaluated, plan.Rounding);
        var marks = plan.Grades.Where(g => g.Kind == GradeKind.OutcomeMark)
            .Select(g => (g, outcomes.GetValueOrDefault(g.Code)))
            .ToList();
        return new PlanYearSummary(summary, marks);
    }

    /// <summary>Every item of the plan with its evaluation of <paramref name="fiscalYear"/>, in one query.</summary>
    public static async Task<List<ItemYearState>> LoadItemStatesAsync(AppDbContext db, int planId, int fiscalYear, CancellationToken cancellationToken = default)
    {
        var rows = await (
            from i in db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId)
            join e in db.Evaluations.AsNoTracking().Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear) on i.Id equals e.ItemId into evaluations
            from e in evaluations.DefaultIfEmpty()
            select new { i.Id, i.PolicyId, i.Status, i.StatusYear, EvaluationStatus = (EvaluationStatus?)e.Status, e.SelfRating, e.FinalRating })
            .ToListAsync(cancellationToken);
        var year = new FiscalYear(fiscalYear);
        return rows
            .Select(r => new ItemYearState(r.Id, r.PolicyId, ActionItem.IsActive(r.Status, r.StatusYear, year), r.EvaluationStatus, r.SelfRating, r.FinalRating))
            .ToList();
    }
}
