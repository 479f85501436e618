using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
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

/// <summary>Someone else saved first: their version, so the page can show it beside what this user typed.</summary>
public sealed class EvaluationConflictException(string? savedBy, DateTimeOffset? savedAt, string savedResult, string? savedRating, string savedImprovement = "")
    : Exception("conflict")
{
    public string? SavedBy { get; } = savedBy;

    public DateTimeOffset? SavedAt { get; } = savedAt;

    public string SavedResult { get; } = savedResult;

    public string? SavedRating { get; } = savedRating;

    public string SavedImprovement { get; } = savedImprovement;
}

/// <summary>
/// The yearly evaluation workflow on the server: every action checks role, department, evaluation status
/// and year state before anything changes, and records the step in the audit trail.
/// </summary>
public sealed class EvaluationWorkflow(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public Task<EvaluationContext> LoadAsync(int planId, int itemId, int fiscalYear, bool tracking = false) =>
        EvaluationContext.LoadAsync(db, planId, itemId, fiscalYear, tracking);

    public async Task ReturnAsync(int planId, int itemId, int fiscalYear, string comment, uint? version)
    {
        var (context, evaluation) = await LoadForReviewAsync(planId, itemId, fiscalYear, version);
        var by = await user.UserNameAsync();
        var now = clock.GetUtcNow();
        evaluation.Return(context.Year, comment, by, now);
        db.AuditEntries.Add(Step(evaluation, "Returned", comment, by, now));
        await SaveOrReportConflictAsync(evaluation, null);
    }

    public async Task ApproveAsync(int planId, int itemId, int fiscalYear, string? finalRating, string? reason, uint? version)
    {
        var (context, evaluation) = await LoadForReviewAsync(planId, itemId, fiscalYear, version);
        var by = await user.UserNameAsync();
        var now = clock.GetUtcNow();
        evaluation.Approve(context.Year, context.Plan, finalRating, reason, by, now);
        var note = evaluation.FinalRating is { } final ? $"評価を{evaluation.SelfRating}から{final}に変更: {evaluation.FinalRatingReason}" : null;
        db.AuditEntries.Add(Step(evaluation, "Approved", note, by, now));
        await SaveOrReportConflictAsync(evaluation, null);
    }

    /// <summary>Approves the given submitted evaluations of a year as they are (no rating changes); returns how many.</summary>
    public async Task<int> BulkApproveAsync(int planId, int fiscalYear, IReadOnlyCollection<int> evaluationIds)
    {
        ArgumentNullException.ThrowIfNull(evaluationIds);
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
        var plan = await db.Plans.AsNoTracking().Include(p => p.Grades).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var year = await db.PlanYears.SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear) ?? throw new NotFoundException();
        var evaluations = await db.Evaluations
            .Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear && evaluationIds.Contains(e.Id) && e.Status == EvaluationStatus.Submitted)
            .ToListAsync();
        var by = await user.UserNameAsync();
        var now = clock.GetUtcNow();
        foreach (var evaluation in evaluations)
        {
            evaluation.Approve(year, plan, null, null, by, now);
            db.AuditEntries.Add(Step(evaluation, "Approved", "一括承認", by, now));
        }
        await db.SaveChangesAsync();
        return evaluations.Count;
    }

    private async Task<(EvaluationContext Context, YearlyEvaluation Evaluation)> LoadForReviewAsync(int planId, int itemId, int fiscalYear, uint? version)
    {
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
        var context = await LoadAsync(planId, itemId, fiscalYear, tracking: true);
        var evaluation = context.Evaluation ?? throw new DomainRuleException("この項目はまだ提出されていません。");
        if (version is { } v)
        {
            db.Entry(evaluation).Property(e => e.Version).OriginalValue = v;
        }
        return (context, evaluation);
    }

    private Task SaveOrReportConflictAsync(YearlyEvaluation evaluation, int? departmentId) =>
        EvaluationSaving.SaveOrReportConflictAsync(db, _ => Task.FromResult(new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(db.Database.GetConnectionString(), Infrastructure.ServiceRegistration.ConfigureNpgsql).Options)), evaluation, departmentId);

    private static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        EvaluationSaving.Step(evaluation, action, comment, by, at);
}
