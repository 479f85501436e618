using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

/// <summary>
/// Read-only JSON for signed-in users (docs/api.md): the plans, and a year's grade summary counted as the
/// annual report counts it (approved evaluations of the items active that year; see <see cref="GradeSummary"/>).
/// </summary>
internal static class PlanApiEndpoints
{
    public static IEndpointRouteBuilder MapPlanApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var plans = endpoints.MapGroup("/api/plans");
        plans.MapGet("/", ListAsync);
        plans.MapGet("/{planId:int}/years/{fiscalYear:int}/summary", SummaryAsync);
        return endpoints;
    }

    internal static async Task<Ok<List<PlanDto>>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .OrderBy(p => p.Municipality).ThenByDescending(p => p.StartYear).ThenBy(p => p.Name)
            .Select(p => new PlanDto(p.Id, p.Name, p.Municipality, p.StartYear, p.EndYear))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(plans);
    }

    internal static async Task<Results<Ok<YearSummaryDto>, ProblemHttpResult>> SummaryAsync(int planId, int fiscalYear, AppDbContext db, CancellationToken cancellationToken)
    {
        var plan = await PlanHeader.LoadAsync(db, planId, cancellationToken);
        if (plan is null)
        {
            return NotFound("計画が見つかりません。", $"ID {planId} の計画はありません。");
        }
        if (!plan.Contains(fiscalYear))
        {
            var label = fiscalYear is >= FiscalYear.MinYear and <= FiscalYear.MaxYear ? new FiscalYear(fiscalYear).Label : $"{fiscalYear}年度";
            return NotFound("年度が計画期間の外です。", $"{label}は、この計画の期間（{plan.PeriodLabel}）に含まれません。");
        }

        var items = await GradeSummary.LoadItemStatesAsync(db, planId, fiscalYear, cancellationToken);
        var result = GradeSummary.Compute(plan, items);
        var summary = result.Summary;
        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.PlanId == planId)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Number)
            .Select(p => new { p.Id, p.Number, p.Title })
            .ToListAsync(cancellationToken);

        var byPolicy = policies.Select(p =>
        {
            var counts = summary.ByPolicy.FirstOrDefault(c => c.PolicyId == p.Id);
            return counts is null
                ? new PolicySummaryDto(p.Number, p.Title, 0, ZeroCounts(plan), ZeroCounts(plan), 0)
                : new PolicySummaryDto(p.Number, p.Title, counts.Total, Counts(counts.Grades), Percentages(counts.Grades), counts.NotEvaluated);
        }).ToList();

        return TypedResults.Ok(new YearSummaryDto(
            fiscalYear,
            new FiscalYear(fiscalYear).Label,
            summary.Total,
            Counts(summary.Grades),
            Percentages(summary.Grades),
            summary.NotEvaluated,
            result.Outcomes.ToDictionary(o => o.Mark.Code, o => o.Count),
            summary.Rounding.ToString(),
            byPolicy));
    }

    // OrderedDictionary keeps the grades in the scale's order in the JSON object.
    private static OrderedDictionary<string, int> Counts(IEnumerable<Domain.Evaluations.GradeCount> grades) =>
        new(grades.Select(g => KeyValuePair.Create(g.Code, g.Count)));

    private static OrderedDictionary<string, int> Percentages(IEnumerable<Domain.Evaluations.GradeCount> grades) =>
        new(grades.Select(g => KeyValuePair.Create(g.Code, g.Percentage)));

    private static OrderedDictionary<string, int> ZeroCounts(PlanHeader plan) =>
        new(plan.Scale.Select(g => KeyValuePair.Create(g.Code, 0)));

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}

internal sealed record PlanDto(int Id, string Name, string Municipality, int StartFiscalYear, int EndFiscalYear);

internal sealed record YearSummaryDto(
    int FiscalYear,
    string FiscalYearLabel,
    int Total,
    OrderedDictionary<string, int> Counts,
    OrderedDictionary<string, int> Percentages,
    int NotEvaluated,
    Dictionary<string, int> Outcomes,
    string Rounding,
    List<PolicySummaryDto> ByPolicy);

internal sealed record PolicySummaryDto(
    int PolicyNumber,
    string Title,
    int Total,
    OrderedDictionary<string, int> Counts,
    OrderedDictionary<string, int> Percentages,
    int NotEvaluated);
