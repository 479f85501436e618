using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>The yearly cycle of a plan year: open for entry, review, 総括, close; reopening is an administrator's.</summary>
public sealed class PlanYearWorkflow(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<(Plan Plan, PlanYear? Year, int Unapproved)> LoadAsync(int planId, int fiscalYear)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        if (!plan.Contains(new FiscalYear(fiscalYear)))
        {
            throw new NotFoundException();
        }
        var year = await db.PlanYears.AsNoTracking().SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear);
        var active = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(fiscalYear)).CountAsync();
        var approved = await db.Evaluations.AsNoTracking().CountAsync(e => e.PlanId == planId && e.FiscalYear == fiscalYear && e.Status == EvaluationStatus.Approved);
        return (plan, year, active - approved);
    }

    public Task OpenAsync(int planId, int fiscalYear, DateOnly deadline, uint? version) =>
        ChangeAsync(planId, fiscalYear, version, createIfMissing: true, year => year.OpenForEntry(deadline));

    public Task StartReviewAsync(int planId, int fiscalYear, uint? version) =>
        ChangeAsync(planId, fiscalYear, version, createIfMissing: false, year => year.StartReview());

    public Task WriteConclusionAsync(int planId, int fiscalYear, string conclusion, uint? version) =>
        ChangeAsync(planId, fiscalYear, version, createIfMissing: false, year => year.WriteConclusion(conclusion));

    public Task CloseAsync(int planId, int fiscalYear, uint? version) =>
        ChangeAsync(planId, fiscalYear, version, createIfMissing: false, year => year.Close());

    public Task PublishAsync(int planId, int fiscalYear, bool isPublic, uint? version) =>
        ChangeAsync(planId, fiscalYear, version, createIfMissing: false, year => year.Publish(isPublic));

    /// <summary>Reopens a closed year: administrators only, with a reason recorded in the audit trail.</summary>
    public async Task ReopenAsync(int planId, int fiscalYear, string reason, uint? version)
    {
        if (!await user.IsInRoleAsync(Roles.Admin))
        {
            throw new ForbiddenException();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("確定を解除する理由を入力してください。");
        }
        var by = await user.UserNameAsync();
        await ChangeAsync(planId, fiscalYear, version, createIfMissing: false, year =>
        {
            year.Reopen();
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), null, by, nameof(PlanYear), year.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Reopened")
                .About(planId, null, fiscalYear).WithComment(reason.Trim()));
        });
    }

    private async Task ChangeAsync(int planId, int fiscalYear, uint? version, bool createIfMissing, Action<PlanYear> change)
    {
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
        var plan = await db.Plans.Include(p => p.Years.Where(y => y.FiscalYear == fiscalYear)).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var year = plan.Years.SingleOrDefault();
        if (year is null)
        {
            if (!createIfMissing)
            {
                throw new DomainRuleException($"{new FiscalYear(fiscalYear).Label}はまだ入力を受け付けていません。先に入力受付を開始してください。");
            }
            year = plan.AddYear(new FiscalYear(fiscalYear));
        }
        else if (version is { } v)
        {
            db.Entry(year).Property(y => y.Version).OriginalValue = v;
        }
        change(year);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainRuleException("ほかの人がこの年度を更新しました。画面を開き直して、最新の状態を確認してください。");
        }
    }
}
