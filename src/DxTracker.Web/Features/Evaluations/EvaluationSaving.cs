using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>How every evaluation action saves: a conflict becomes the other person's version, and each step is audited.</summary>
internal static class EvaluationSaving
{
    /// <summary>
    /// Saves; when someone else saved first, reads their version in a fresh context (the tracked one holds this user's
    /// changes) and throws it as an <see cref="EvaluationConflictException"/>.
    /// </summary>
    public static async Task SaveOrReportConflictAsync(AppDbContext db, Func<CancellationToken, Task<AppDbContext>> openFresh, YearlyEvaluation evaluation, int? departmentId)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || IsDuplicateKey(e))
        {
            await using var fresh = await openFresh(CancellationToken.None);
            var current = await fresh.Evaluations.AsNoTracking().Include(x => x.Parts)
                .SingleAsync(x => x.ItemId == evaluation.ItemId && x.FiscalYear == evaluation.FiscalYear);
            var part = departmentId is { } d ? current.Parts.FirstOrDefault(p => p.DepartmentId == d) : null;
            throw new EvaluationConflictException(
                part?.UpdatedBy ?? current.UpdatedBy,
                part?.UpdatedAt ?? current.UpdatedAt,
                part?.ResultText ?? string.Empty,
                current.SelfRating,
                part?.ImprovementText ?? string.Empty);
        }
    }

    /// <summary>Two people saved the first draft of the same evaluation at once: the second insert hits the unique key.</summary>
    public static bool IsDuplicateKey(Exception e) =>
        e is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } };

    public static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        new AuditEntry(at, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(CultureInfo.InvariantCulture), action)
            .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
            .WithComment(comment);
}
