using System.Globalization;
using DxTracker.Web.Domain.Plans;
using Npgsql;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// The rows of a <see cref="WorkflowScenario"/> the authorization matrices reset and compare: back to one submitted
/// evaluation in a year of a given state, and a digest that shows whether a refused action changed anything.
/// </summary>
public static class WorkflowRows
{
    /// <summary>Back to the baseline (one submitted evaluation, nothing else), then the year in <paramref name="state"/>.</summary>
    public static async Task<long> ResetAsync(string connectionString, WorkflowScenario scenario, PlanYearState state)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, scenario, """
            UPDATE "PlanYears" SET "State" = 'Open', "Conclusion" = '', "EntryDeadline" = DATE '2022-05-31', "IsPublic" = false WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            DELETE FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" <> @submitted;
            UPDATE "KpiValues" v SET "ActualValue" = NULL, "ActualText" = '', "ActualNotMeasured" = false
                FROM "Kpis" k, "ActionItems" i WHERE v."KpiId" = k."Id" AND k."ItemId" = i."Id" AND i."PlanId" = @plan AND v."FiscalYear" = @year;
            UPDATE "Evaluations" SET "Status" = 'Submitted', "SelfRating" = 'A', "FinalRating" = NULL, "FinalRatingReason" = '', "ReturnComment" = '', "ApprovedAt" = NULL, "ApprovedBy" = NULL
                WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" = @submitted;
            UPDATE "EvaluationParts" SET "IsSubmitted" = true, "ResultText" = 'テレワーク端末を100台配備した。'
                WHERE "EvaluationId" IN (SELECT "Id" FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year);
            UPDATE "PlanYears" SET "State" = @state WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            """, state);
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM \"Evaluations\" WHERE \"ItemId\" = @submitted AND \"FiscalYear\" = @year", connection);
        command.Parameters.AddWithValue("submitted", scenario.SubmittedItemId);
        command.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, WorkflowScenario scenario, string sql, PlanYearState state)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("plan", scenario.PlanId);
        command.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
        command.Parameters.AddWithValue("submitted", scenario.SubmittedItemId);
        command.Parameters.AddWithValue("state", state.ToString());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A digest of every row a workflow action could touch, and of the audit trail.</summary>
    public static async Task<string> FingerprintAsync(string connectionString, WorkflowScenario scenario)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT md5(
                coalesce((SELECT string_agg(e::text, '|' ORDER BY e."Id") FROM "Evaluations" e WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(p::text, '|' ORDER BY p."Id") FROM "EvaluationParts" p JOIN "Evaluations" e ON e."Id" = p."EvaluationId" WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(y::text, '|' ORDER BY y."Id") FROM "PlanYears" y WHERE y."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(v::text, '|' ORDER BY v."Id") FROM "KpiValues" v JOIN "Kpis" k ON k."Id" = v."KpiId" JOIN "ActionItems" i ON i."Id" = k."ItemId" WHERE i."PlanId" = @plan), '') ||
                (SELECT count(*)::text FROM "AuditEntries"))
            """, connection);
        command.Parameters.AddWithValue("plan", scenario.PlanId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
