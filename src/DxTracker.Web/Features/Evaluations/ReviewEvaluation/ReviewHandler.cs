using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations.ReviewEvaluation;

/// <summary>Someone else changed the evaluation (or the year) while the reviewer was reading it.</summary>
public sealed class ReviewConflictException(string message) : ConflictException(message);

/// <summary>
/// 確認: the reviewer reads one item's evaluation of a year beside last year's, and returns it with a comment or
/// approves it (optionally with a changed final rating and its reason). Reviewers and administrators only.
/// </summary>
public sealed class ReviewHandler(IDbContextFactory<AppDbContext> databases, CurrentUser user, ActionLog log, TimeProvider clock)
{
    public const string ConflictMessage = "確認中にほかの人がこの評価を更新しました。最新の内容を表示しました。確認してから、もう一度操作してください。";

    public async Task<EvaluationContext> LoadAsync(int planId, int itemId, int fiscalYear)
    {
        await EnsureReviewerAsync();
        await using var db = await databases.CreateDbContextAsync();
        return await LoadAsync(db, planId, itemId, fiscalYear);
    }

    public Task ReturnAsync(int planId, int itemId, int fiscalYear, string comment, uint version) =>
        log.RunAsync("evaluation.return", new { planId, itemId, fiscalYear }, () => ChangeAsync(planId, itemId, fiscalYear, version, (context, evaluation, by, now) =>
        {
            evaluation.Return(context.Year, comment, by, now);
            return Step(evaluation, "Returned", comment, by, now);
        }));

    /// <summary>Approves; a <paramref name="finalRating"/> other than the self-rating needs a <paramref name="reason"/> (the entity checks).</summary>
    public Task ApproveAsync(int planId, int itemId, int fiscalYear, string? finalRating, string? reason, uint version) =>
        log.RunAsync("evaluation.approve", new { planId, itemId, fiscalYear, changedRating = finalRating is not null }, () => ChangeAsync(planId, itemId, fiscalYear, version, (context, evaluation, by, now) =>
        {
            evaluation.Approve(context.Year, context.Plan, finalRating, reason, by, now);
            var note = evaluation.FinalRating is { } final ? $"評価を{evaluation.SelfRating}から{final}に変更: {evaluation.FinalRatingReason}" : null;
            return Step(evaluation, "Approved", note, by, now);
        }));

    private async Task ChangeAsync(int planId, int itemId, int fiscalYear, uint version, Func<EvaluationContext, YearlyEvaluation, string, DateTimeOffset, AuditEntry> change)
    {
        await EnsureReviewerAsync();
        await using var db = await databases.CreateDbContextAsync();
        var context = await LoadAsync(db, planId, itemId, fiscalYear, tracking: true);
        var evaluation = context.Evaluation ?? throw new DomainRuleException("この項目はまだ提出されていません。");
        // What the reviewer read has changed since: say so before any rule answers about a state they never saw.
        if (evaluation.Version != version)
        {
            throw new ReviewConflictException(ConflictMessage);
        }
        db.Entry(evaluation).Property(e => e.Version).OriginalValue = version;
        await db.AuditEntries.AddAsync(change(context, evaluation, await user.UserNameAsync(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReviewConflictException(ConflictMessage);
        }
    }

    private async Task EnsureReviewerAsync()
    {
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
    }

    private static async Task<EvaluationContext> LoadAsync(AppDbContext db, int planId, int itemId, int fiscalYear, bool tracking = false)
    {
        var item = await db.ActionItems.AsNoTracking().Include(i => i.Departments).Include(i => i.Kpis).ThenInclude(k => k.Values)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
        var fy = new FiscalYear(fiscalYear);
        if (!item.IsActiveIn(fy))
        {
            throw new NotFoundException();
        }
        var plan = await db.Plans.AsNoTracking().Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        var year = await db.PlanYears.AsNoTracking().SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear) ?? throw new NotFoundException();
        var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.Id == item.PolicyId);
        var departmentIds = item.Departments.Select(d => d.DepartmentId).ToList();
        var departments = await db.Departments.AsNoTracking().Include(d => d.FormerNames).Where(d => departmentIds.Contains(d.Id)).ToListAsync();
        var evaluations = tracking ? db.Evaluations : db.Evaluations.AsNoTracking();
        var both = await evaluations.Include(e => e.Parts)
            .Where(e => e.ItemId == itemId && (e.FiscalYear == fiscalYear || e.FiscalYear == fiscalYear - 1)).ToListAsync();
        return new EvaluationContext(
            plan,
            year,
            item,
            policy,
            departments,
            both.FirstOrDefault(e => e.FiscalYear == fiscalYear),
            both.FirstOrDefault(e => e.FiscalYear == fiscalYear - 1),
            item.Kpis.Where(k => k.AppliesTo(fy)).OrderBy(k => k.SortOrder).ToList());
    }

    private static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        new AuditEntry(at, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(CultureInfo.InvariantCulture), action)
            .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
            .WithComment(comment);
}
