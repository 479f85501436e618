using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations.BulkApproval;

/// <summary>A submitted evaluation waiting for approval; <see cref="Resubmitted"/>: returned once and submitted again.</summary>
public sealed record SubmittedEntry(int EvaluationId, int ItemId, string Number, string Title, string Departments, string? SelfRating, bool Resubmitted);

/// <summary>The year as the bulk approval page shows it.</summary>
public sealed record BulkApprovalView(string PlanName, FiscalYear Year, PlanYearState? State, IReadOnlyList<SubmittedEntry> Submitted)
{
    /// <summary>Only a year taking entries or under review has a queue to approve.</summary>
    public bool Accepting => State is PlanYearState.Open or PlanYearState.InReview;
}

/// <summary>まとめて承認: approves chosen submitted evaluations of a year as they are (self-rating kept). Reviewers and administrators only.</summary>
public sealed class BulkApprovalHandler(IDbContextFactory<AppDbContext> databases, CurrentUser user, ActionLog log, TimeProvider clock)
{
    public async Task<BulkApprovalView> LoadAsync(int planId, int fiscalYear)
    {
        await EnsureReviewerAsync();
        await using var db = await databases.CreateDbContextAsync();
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var fy = new FiscalYear(fiscalYear);
        if (!plan.Contains(fy))
        {
            throw new NotFoundException();
        }
        var state = await db.PlanYears.AsNoTracking().Where(y => y.PlanId == planId && y.FiscalYear == fiscalYear).Select(y => (PlanYearState?)y.State).SingleOrDefaultAsync();
        var rows = await db.Evaluations.AsNoTracking()
            .Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear && e.Status == EvaluationStatus.Submitted)
            .Join(db.ActionItems, e => e.ItemId, i => i.Id, (e, i) => new { e.Id, ItemId = i.Id, i.Number, i.SortOrder, i.Title, e.SelfRating, e.ReturnComment })
            .OrderBy(x => x.SortOrder)
            .ToListAsync();
        var itemIds = rows.Select(r => r.ItemId).ToList();
        var links = await db.ItemDepartments.AsNoTracking().Where(d => itemIds.Contains(d.ItemId)).OrderBy(d => d.SortOrder).ToListAsync();
        var departmentIds = links.Select(l => l.DepartmentId).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Include(d => d.FormerNames).Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id);
        var submitted = rows.Select(r => new SubmittedEntry(
                r.Id, r.ItemId, r.Number, r.Title,
                string.Join("、", links.Where(l => l.ItemId == r.ItemId).Select(l => departments[l.DepartmentId].NameIn(fy))),
                r.SelfRating,
                // A return leaves its comment on the evaluation: a submitted one that has it was returned before.
                r.ReturnComment.Length > 0))
            .ToList();
        return new BulkApprovalView(plan.Name, fy, state, submitted);
    }

    /// <summary>Approves those of <paramref name="evaluationIds"/> that are still submitted; returns how many.</summary>
    public Task<int> ApproveAsync(int planId, int fiscalYear, IReadOnlyCollection<int> evaluationIds)
    {
        ArgumentNullException.ThrowIfNull(evaluationIds);
        return log.RunAsync("evaluation.bulk-approve", new { planId, fiscalYear, count = evaluationIds.Count }, async () =>
        {
            await EnsureReviewerAsync();
            if (evaluationIds.Count == 0)
            {
                throw new DomainRuleException("承認する項目を1件以上選んでください。");
            }
            await using var db = await databases.CreateDbContextAsync();
            var plan = await db.Plans.AsNoTracking().Include(p => p.Grades).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var year = await db.PlanYears.AsNoTracking().SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear) ?? throw new NotFoundException();
            if (year.State is not (PlanYearState.Open or PlanYearState.InReview))
            {
                throw new DomainRuleException($"{year.Year.Label}は「{PlanYear.StateLabel(year.State)}」のため、まとめて承認できません。");
            }
            var evaluations = await db.Evaluations
                .Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear && evaluationIds.Contains(e.Id) && e.Status == EvaluationStatus.Submitted)
                .ToListAsync();
            var by = await user.UserNameAsync();
            var now = clock.GetUtcNow();
            foreach (var evaluation in evaluations)
            {
                evaluation.Approve(year, plan, null, null, by, now);
                await db.AuditEntries.AddAsync(new AuditEntry(now, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(CultureInfo.InvariantCulture), "Approved")
                    .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
                    .WithComment("一括承認"));
            }
            await db.SaveChangesAsync();
            return evaluations.Count;
        });
    }

    private async Task EnsureReviewerAsync()
    {
        if (!await user.IsReviewerAsync())
        {
            throw new ForbiddenException();
        }
    }
}
