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

    public static AuditEntry Step(YearlyEvaluation evaluation, string action, string? comment, string by, DateTimeOffset at) =>
        new AuditEntry(at, null, by, nameof(YearlyEvaluation), evaluation.Id.ToString(CultureInfo.InvariantCulture), action)
            .About(evaluation.PlanId, evaluation.ItemId, evaluation.FiscalYear)
            .WithComment(comment);
}
