using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
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
}

/// <summary>One KPI's actual value as typed in the form.</summary>
public sealed record KpiActualInput(int KpiId, string? Actual);

/// <summary>What a department saves or submits.</summary>
public sealed record PartInput(
    int DepartmentId,
    string Result,
    string Improvement,
    string? SelfRating,
    IReadOnlyList<KpiActualInput> KpiActuals,
    uint? PartVersion,
    uint? EvaluationVersion,
    string? LoadedRating);

/// <summary>A rule violation tied to a form field (for the message next to it).</summary>
public sealed class FieldRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Someone else saved first: their version, so the page can show it beside what this user typed.</summary>
public sealed class EvaluationConflictException(string? savedBy, DateTimeOffset? savedAt, string savedResult, string? savedRating)
    : Exception("conflict")
{
    public string? SavedBy { get; } = savedBy;

    public DateTimeOffset? SavedAt { get; } = savedAt;

    public string SavedResult { get; } = savedResult;

    public string? SavedRating { get; } = savedRating;
}

/// <summary>
/// The yearly evaluation workflow on the server: every action checks role, department, evaluation status
/// and year state before anything changes, and records the step in the audit trail.
/// </summary>
public sealed class EvaluationWorkflow(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<EvaluationContext> LoadAsync(int planId, int itemId, int fiscalYear, bool tracking = false)
    {
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

    /// <summary>The departments whose part this user may write on this item (empty: may only read).</summary>
    public async Task<IReadOnlyList<int>> WritableDepartmentsAsync(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await user.IsReviewerAsync())
        {
            return context.DepartmentIds;
        }
        if (await user.IsEditorAsync())
        {
            var mine = await user.DepartmentIdsAsync();
            return context.DepartmentIds.Where(mine.Contains).ToList();
        }
        return [];
    }

    /// <summary>Refuses (403) anyone who may not see this item's entry form: only its departments' editors, reviewers and admins may.</summary>
    public async Task EnsureMayOpenEntryAsync(EvaluationContext context)
    {
        if ((await WritableDepartmentsAsync(context)).Count == 0)
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>Whether the form can be saved now (year open or evaluation returned, not closed, not yet submitted/approved).</summary>
    public static string? WhyReadOnly(EvaluationContext context, int departmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Year.IsClosed)
        {
            return $"{context.FiscalYear.Label}は確定済みのため、変更できません。";
        }
        var status = context.Status;
        if (status == EvaluationStatus.Returned)
        {
            return null;
        }
        if (context.Year.State != PlanYearState.Open)
        {
            return $"{context.FiscalYear.Label}は現在「{PlanYear.StateLabel(context.Year.State)}」のため、入力を受け付けていません。";
        }
        if (status is EvaluationStatus.Submitted or EvaluationStatus.Approved)
        {
            return $"この評価は{YearlyEvaluation.StatusLabel(status)}のため、変更できません。";
        }
        if (context.Evaluation?.Parts.FirstOrDefault(p => p.DepartmentId == departmentId) is { IsSubmitted: true })
        {
            return "この部署の入力は提出済みです。ほかの部署の提出を待っています。";
        }
        return null;
    }

    /// <summary>Saves a department's part as a draft, or submits it.</summary>
    public async Task SaveAsync(int planId, int itemId, int fiscalYear, PartInput input, bool submit) =>
        await SaveAsync(await LoadAsync(planId, itemId, fiscalYear, tracking: true), input, submit);

    /// <summary>
    /// Saves with a context the caller already loaded with <c>tracking: true</c> in this request (the entry page
    /// loads it once for both the checks and the save).
    /// </summary>
    public async Task SaveAsync(EvaluationContext context, PartInput input, bool submit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (db.Entry(context.Item).State == EntityState.Detached)
        {
            throw new InvalidOperationException("The evaluation context must be loaded with tracking to be saved.");
        }
        var planId = context.Plan.Id;
        var itemId = context.Item.Id;
        if (!(await WritableDepartmentsAsync(context)).Contains(input.DepartmentId))
        {
            throw new ForbiddenException();
        }
        if (WhyReadOnly(context, input.DepartmentId) is { } reason)
        {
            throw new DomainRuleException(reason);
        }

        var actuals = ParseActuals(context, input.KpiActuals, submit);
        var evaluation = context.Evaluation;
        if (evaluation is null)
        {
            evaluation = new YearlyEvaluation(planId, itemId, context.FiscalYear);
            db.Evaluations.Add(evaluation);
        }
        else
        {
            var part = evaluation.Parts.FirstOrDefault(p => p.DepartmentId == input.DepartmentId);
            if (part is not null && input.PartVersion is null)
            {
                // The form was opened before anyone had written this part; someone has since.
                throw new EvaluationConflictException(part.UpdatedBy, part.UpdatedAt, part.ResultText, evaluation.SelfRating);
            }
            if (part is not null && input.PartVersion is { } partVersion)
            {
                db.Entry(part).Property(p => p.Version).OriginalValue = partVersion;
            }
            if (input.EvaluationVersion is { } evaluationVersion && input.SelfRating != input.LoadedRating)
            {
                db.Entry(evaluation).Property(e => e.Version).OriginalValue = evaluationVersion;
            }
        }

        var by = await user.UserNameAsync();
        var now = clock.GetUtcNow();
        evaluation.SaveDraft(context.Year, context.Plan, input.DepartmentId, input.Result, input.Improvement, input.SelfRating, by, now);
        foreach (var (kpi, measurement) in actuals)
        {
            kpi.SetActual(context.FiscalYear, measurement);
        }
        if (submit)
        {
            evaluation.SubmitPart(context.Year, input.DepartmentId, context.DepartmentIds, by, now);
            db.AuditEntries.Add(Step(evaluation, "Submitted", context.DepartmentName(input.DepartmentId), by, now));
        }
        await SaveOrReportConflictAsync(evaluation, input.DepartmentId);
    }

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

    private static List<(Kpi Kpi, KpiMeasurement? Measurement)> ParseActuals(EvaluationContext context, IReadOnlyList<KpiActualInput> inputs, bool submit)
    {
        var result = new List<(Kpi, KpiMeasurement?)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var kpi = context.Kpis.FirstOrDefault(k => k.Id == input.KpiId)
                ?? throw new DomainRuleException("この年度に適用されない評価指標が送信されました。画面を開き直してください。");
            if (string.IsNullOrWhiteSpace(input.Actual))
            {
                if (submit)
                {
                    throw new FieldRuleException($"kpi-{i}", $"「{kpi.Name}」の実績値を入力してください（測定していない場合は「未測定」と入力）。");
                }
                result.Add((kpi, null));
                continue;
            }
            if (!KpiValueText.TryParse(input.Actual, out var measurement, out var error))
            {
                throw new FieldRuleException($"kpi-{i}", $"「{kpi.Name}」: {error}");
            }
            result.Add((kpi, measurement));
        }
        return result;
    }

    private async Task SaveOrReportConflictAsync(YearlyEvaluation evaluation, int? departmentId)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || IsDuplicateKey(e))
        {
            await using var fresh = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(db.Database.GetConnectionString(), Infrastructure.ServiceRegistration.ConfigureNpgsql).Options);
            var current = await fresh.Evaluations.AsNoTracking().Include(e => e.Parts)
                .SingleAsync(e => e.ItemId == evaluation.ItemId && e.FiscalYear == evaluation.FiscalYear);
            var part = departmentId is { } d ? current.Parts.FirstOrDefault(p => p.DepartmentId == d) : null;
            throw new EvaluationConflictException(
                part?.UpdatedBy ?? current.UpdatedBy,
                part?.UpdatedAt ?? current.UpdatedAt,
                part?.ResultText ?? string.Empty,
                current.SelfRating);
        }
    }

    /// <summary>Two people saved the first draft of the same evaluation at once: the second insert hits the unique key.</summary>
    private static bool IsDuplicateKey(Exception e) =>
        e is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } };

    private static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        new AuditEntry(at, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), action)
            .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
            .WithComment(comment);
}
