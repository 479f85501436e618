using DxTracker.Web.Data;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>An item as the history page names it.</summary>
public sealed record HistoryItem(string Number, string Title);

/// <summary>
/// 変更履歴 of an item: every save, submission, return, approval and rating change, newest first (read only). The history
/// of evaluations and KPI actuals (drafts, return comments, reasons) is for those who may read drafts
/// (<see cref="Infrastructure.Auth.Access.MayReadDrafts"/>); viewers and other departments see the item's own changes only.
/// </summary>
public sealed class ItemHistoryQuery(IDbContextFactory<AppDbContext> databases, CurrentUser user)
{
    /// <summary>The page shows at most this many entries.</summary>
    public const int Limit = 200;

    /// <summary>Bookkeeping columns that the workflow steps already say in words.</summary>
    private static readonly string[] Bookkeeping = ["SubmittedAt", "ApprovedAt", "ApprovedBy"];

    /// <summary>What only those who may read drafts see in the history: the evaluations and their parts (KPI actuals below).</summary>
    private static readonly string[] DraftEntityTypes = [nameof(YearlyEvaluation), nameof(EvaluationPart)];

    /// <summary>Null when the plan has no such item.</summary>
    public async Task<HistoryItem?> ItemAsync(int planId, int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ActionItems.AsNoTracking()
            .Where(i => i.Id == itemId && i.PlanId == planId)
            .Select(i => new HistoryItem(i.Number, i.Title))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<List<AuditEntry>> EntriesAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var itemDepartments = await db.ItemDepartments.AsNoTracking().Where(d => d.ItemId == itemId).Select(d => d.DepartmentId).ToListAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking()
            .Where(a => a.ItemId == itemId && (a.Comment != null || a.Action != "Created" || a.EntityType == nameof(YearlyEvaluation)))
            .Where(a => a.Field == null || !Bookkeeping.Contains(a.Field));
        if (!await user.MayReadDraftsAsync(itemDepartments))
        {
            entries = entries.Where(a => !DraftEntityTypes.Contains(a.EntityType) && !(a.EntityType == nameof(KpiValue) && a.Field != null && EF.Functions.Like(a.Field, "Actual%")));
        }
        return await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Limit)
            .ToListAsync(cancellationToken);
    }
}
