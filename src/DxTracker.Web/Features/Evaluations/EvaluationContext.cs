using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>Everything the entry and review pages need about one item's evaluation of one year.</summary>
public sealed record EvaluationContext(
    Plan Plan,
    PlanYear Year,
    ActionItem Item,
    Policy Policy,
    IReadOnlyList<Department> Departments,
    YearlyEvaluation? Evaluation,
    YearlyEvaluation? PreviousEvaluation,
    IReadOnlyList<Kpi> Kpis)
{
    public FiscalYear FiscalYear => Year.Year;

    public string DepartmentName(int departmentId) =>
        Departments.FirstOrDefault(d => d.Id == departmentId)?.NameIn(FiscalYear) ?? "（不明な部署）";

    public IReadOnlyList<int> DepartmentIds => Item.Departments.OrderBy(d => d.SortOrder).Select(d => d.DepartmentId).ToList();

    public EvaluationStatus Status => Evaluation?.Status ?? EvaluationStatus.NotStarted;

    public bool PartSubmitted(int departmentId) => Evaluation?.Parts.Any(p => p.DepartmentId == departmentId && p.IsSubmitted) ?? false;

    /// <summary>The status as this department reads it (<see cref="YearlyEvaluation.ForDepartment"/>).</summary>
    public EvaluationStatus StatusFor(int departmentId) => YearlyEvaluation.ForDepartment(Evaluation?.Status, PartSubmitted(departmentId));

    /// <summary>The item's departments that have not yet submitted their part.</summary>
    public IReadOnlyList<int> DepartmentsStillWriting => DepartmentIds.Where(d => !PartSubmitted(d)).ToList();

    /// <summary>Loads it in the caller's context: tracked when the caller is going to save through it.</summary>
    public static async Task<EvaluationContext> LoadAsync(AppDbContext db, int planId, int itemId, int fiscalYear, bool tracking = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = tracking ? db.ActionItems : db.ActionItems.AsNoTracking();
        var item = await query.Include(i => i.Departments).Include(i => i.Kpis).ThenInclude(k => k.Values)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        var yearQuery = tracking ? db.PlanYears : db.PlanYears.AsNoTracking();
        var year = await yearQuery.SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear) ?? throw new NotFoundException();
        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == item.PolicyId);
        var departmentIds = item.Departments.Select(d => d.DepartmentId).ToList();
        var departments = await db.Departments.AsNoTracking().Include(d => d.FormerNames).Where(d => departmentIds.Contains(d.Id)).ToListAsync();
        var evaluationQuery = tracking ? db.Evaluations : db.Evaluations.AsNoTracking();
        var evaluations = await evaluationQuery.Include(e => e.Parts)
            .Where(e => e.ItemId == itemId && (e.FiscalYear == fiscalYear || e.FiscalYear == fiscalYear - 1)).ToListAsync();
        var fy = new FiscalYear(fiscalYear);
        if (!item.IsActiveIn(fy))
        {
            throw new NotFoundException();
        }
        return new EvaluationContext(
            plan,
            year,
            item,
            policy,
            departments,
            evaluations.FirstOrDefault(e => e.FiscalYear == fiscalYear),
            evaluations.FirstOrDefault(e => e.FiscalYear == fiscalYear - 1),
            item.Kpis.Where(k => k.AppliesTo(fy)).OrderBy(k => k.SortOrder).ToList());
    }
}

/// <summary>
/// Someone else changed, since the form was opened, fields this user changed too: who saved last, when, and each such
/// field with both values, so the page can show them side by side. Nothing was written.
/// </summary>
public sealed class EvaluationConflictException(string? savedBy, DateTimeOffset? savedAt, IReadOnlyList<FieldConflict> fields)
    : ConflictException("conflict")
{
    public string? SavedBy { get; } = savedBy;

    public DateTimeOffset? SavedAt { get; } = savedAt;

    public IReadOnlyList<FieldConflict> Fields { get; } = fields;
}
