using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations.ManageYear;

/// <summary>A plan year as its management page shows it; <see cref="Year"/> is null before entry was ever opened.</summary>
public sealed record YearView(Plan Plan, FiscalYear FiscalYear, PlanYear? Year, int Unapproved);

/// <summary>
/// The yearly cycle of a plan year: open for entry, review (確認中), 総括, close, publish; reopening a closed year is
/// an administrator's. Reviewers and administrators only; each action is one operation with its own context.
/// </summary>
public sealed class ManageYearHandler(IDbContextFactory<AppDbContext> databases, CurrentUser user, ActionLog log, TimeProvider clock)
{
    public const string ConflictMessage = "ほかの人がこの年度を更新しました。最新の状態を表示しました。確認してから、もう一度操作してください。";

    public async Task<YearView> LoadAsync(int planId, int fiscalYear)
    {
        await EnsureReviewerAsync();
        await using var db = await databases.CreateDbContextAsync();
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var fy = new FiscalYear(fiscalYear);
        if (!plan.Contains(fy))
        {
            throw new NotFoundException();
        }
        var year = await db.PlanYears.AsNoTracking().SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear);
        return new YearView(plan, fy, year, await UnapprovedAsync(db, planId, fiscalYear));
    }

    public Task OpenAsync(int planId, int fiscalYear, DateOnly deadline, uint? version) =>
        ChangeAsync("year.open", planId, fiscalYear, version, change => change.Year.OpenForEntry(deadline), createIfMissing: true);

    public Task StartReviewAsync(int planId, int fiscalYear, uint version) =>
        ChangeAsync("year.review", planId, fiscalYear, version, change =>
        {
            // Review follows entry: a year still in preparation or already under review has nothing to close for entry.
            if (change.Year.State != PlanYearState.Open)
            {
                throw new DomainRuleException($"確認中にできるのは入力受付中の年度だけです（{change.Year.Year.Label}は「{PlanYear.StateLabel(change.Year.State)}」）。");
            }
            change.Year.StartReview();
        });

    public Task WriteConclusionAsync(int planId, int fiscalYear, string conclusion, uint version) =>
        ChangeAsync("year.conclusion", planId, fiscalYear, version, change => change.Year.WriteConclusion(conclusion));

    /// <summary>
    /// Closes the year. While items are still unapproved a reason is required; PlanYear has no field for it, so it
    /// is kept in the audit trail (as a reopening's reason is).
    /// </summary>
    public Task CloseAsync(int planId, int fiscalYear, string? reason, uint version) =>
        ChangeAsync("year.close", planId, fiscalYear, version, change =>
        {
            if (change.Unapproved > 0 && string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainRuleException($"承認していない項目が{change.Unapproved}件あります。このまま確定する理由を入力してください。");
            }
            change.Year.Close();
            change.Record("Closed", reason);
        });

    public Task PublishAsync(int planId, int fiscalYear, bool isPublic, uint version) =>
        ChangeAsync(isPublic ? "year.publish" : "year.unpublish", planId, fiscalYear, version, change => change.Year.Publish(isPublic));

    /// <summary>Reopens a closed year: administrators only, with a reason recorded in the audit trail.</summary>
    public Task ReopenAsync(int planId, int fiscalYear, string reason, uint version) =>
        ChangeAsync("year.reopen", planId, fiscalYear, version, change =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainRuleException("確定を解除する理由を入力してください。");
            }
            change.Year.Reopen();
            change.Record("Reopened", reason);
        }, adminOnly: true);

    private Task ChangeAsync(string action, int planId, int fiscalYear, uint? version, Action<YearChange> change, bool createIfMissing = false, bool adminOnly = false) =>
        log.RunAsync(action, new { planId, fiscalYear }, async () =>
        {
            await EnsureReviewerAsync();
            if (adminOnly && !await user.IsInRoleAsync(Roles.Admin))
            {
                throw new ForbiddenException();
            }
            await using var db = await databases.CreateDbContextAsync();
            var plan = await db.Plans.Include(p => p.Years.Where(y => y.FiscalYear == fiscalYear)).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var fy = new FiscalYear(fiscalYear);
            if (!plan.Contains(fy))
            {
                throw new NotFoundException();
            }
            var year = plan.Years.SingleOrDefault();
            if (year is null)
            {
                if (!createIfMissing)
                {
                    throw new DomainRuleException($"{fy.Label}はまだ入力を受け付けていません。先に入力受付を開始してください。");
                }
                year = plan.AddYear(fy);
            }
            else if (version is { } v)
            {
                db.Entry(year).Property(y => y.Version).OriginalValue = v;
            }
            var step = new YearChange(year, await UnapprovedAsync(db, planId, fiscalYear));
            change(step);
            if (step.Comment is { } comment)
            {
                await db.AuditEntries.AddAsync(new AuditEntry(clock.GetUtcNow(), null, await user.UserNameAsync(), nameof(PlanYear), year.Id.ToString(CultureInfo.InvariantCulture), step.Action!)
                    .About(planId, null, fiscalYear).WithComment(comment));
            }
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainRuleException(ConflictMessage);
            }
        });

    private static async Task<int> UnapprovedAsync(AppDbContext db, int planId, int fiscalYear)
    {
        var active = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(fiscalYear)).CountAsync();
        var approved = await db.Evaluations.AsNoTracking().CountAsync(e => e.PlanId == planId && e.FiscalYear == fiscalYear && e.Status == EvaluationStatus.Approved);
        return active - approved;
    }

    private async Task EnsureReviewerAsync()
    {
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>The year being changed, what the change needs to know, and the reason to record in the audit trail.</summary>
    private sealed class YearChange(PlanYear year, int unapproved)
    {
        public PlanYear Year { get; } = year;

        public int Unapproved { get; } = unapproved;

        public string? Action { get; private set; }

        public string? Comment { get; private set; }

        public void Record(string action, string? reason)
        {
            if (!string.IsNullOrWhiteSpace(reason))
            {
                Action = action;
                Comment = reason.Trim();
            }
        }
    }
}
