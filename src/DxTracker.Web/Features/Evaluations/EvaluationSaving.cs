using System.Globalization;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>What the evaluation actions share when they save: the duplicate-key race and the audited workflow step.</summary>
internal static class EvaluationSaving
{
    /// <summary>Two people saved the first draft of the same evaluation at once: the second insert hits the unique key.</summary>
    public static bool IsDuplicateKey(Exception e) =>
        e is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } };

    /// <summary>
    /// Tracks the rows a domain method created beside tracked ones (a department's new part, a KPI's new value) with
    /// <c>AddAsync</c>, so that their HiLo keys are fetched without blocking: left to the save's change detection, EF
    /// Core generates them synchronously, and a burst of saves then blocks thread-pool threads on the sequence
    /// (SaveBurstTests). Look at the new rows only, before anything detects changes on their parents.
    /// </summary>
    public static async Task TrackNewAsync(DbContext db, IEnumerable<object> rows)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (db.Entry(row).State == EntityState.Detached)
            {
                await db.AddAsync(row);
            }
        }
    }

    public static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        new AuditEntry(at, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(CultureInfo.InvariantCulture), action)
            .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
            .WithComment(comment);
}
