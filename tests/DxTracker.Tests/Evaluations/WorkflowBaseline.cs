using System.Globalization;
using DxTracker.Web.Domain.Plans;
using Npgsql;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// The authorization matrices' baseline of a <see cref="WorkflowScenario"/> (one submitted evaluation, nothing else,
/// the year in a given state), and a digest of every row a workflow action could touch, to prove a refusal changed none.
/// </summary>
public static class WorkflowBaseline
{
    /// <summary>Back to the baseline, then the year in <paramref name="state"/>; returns the submitted evaluation's id.</summary>
    public static async Task<long> ResetAsync(string connectionString, WorkflowScenario scenario, PlanYearState state)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = Command(connection, scenario, """
            UPDATE "PlanYears" SET "State" = 'Open', "Conclusion" = '', "EntryDeadline" = DATE '2022-05-31', "IsPublic" = false WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            DELETE FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" <> @submitted;
            DELETE FROM "EntryDrafts" WHERE "PlanId" = @plan;
            UPDATE "KpiValues" v SET "ActualValue" = NULL, "ActualText" = '', "ActualNotMeasured" = false
                FROM "Kpis" k, "ActionItems" i WHERE v."KpiId" = k."Id" AND k."ItemId" = i."Id" AND i."PlanId" = @plan AND v."FiscalYear" = @year;
            UPDATE "Evaluations" SET "Status" = 'Submitted', "SelfRating" = 'A', "FinalRating" = NULL, "FinalRatingReason" = '', "ReturnComment" = '', "ApprovedAt" = NULL, "ApprovedBy" = NULL
                WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" = @submitted;
            UPDATE "EvaluationParts" SET "IsSubmitted" = true, "ResultText" = 'テレワーク端末を100台配備した。'
                WHERE "EvaluationId" IN (SELECT "Id" FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year);
            UPDATE "PlanYears" SET "State" = @state WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            """))
        {
            command.Parameters.AddWithValue("state", state.ToString());
            await command.ExecuteNonQueryAsync();
        }
        await using var id = Command(connection, scenario, "SELECT \"Id\" FROM \"Evaluations\" WHERE \"ItemId\" = @submitted AND \"FiscalYear\" = @year");
        return Convert.ToInt64(await id.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A digest of the plan's evaluations, parts, years, KPI values and entry drafts, and of the audit trail.</summary>
    public static async Task<string> FingerprintAsync(string connectionString, WorkflowScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, scenario, """
            SELECT md5(
                coalesce((SELECT string_agg(e::text, '|' ORDER BY e."Id") FROM "Evaluations" e WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(p::text, '|' ORDER BY p."Id") FROM "EvaluationParts" p JOIN "Evaluations" e ON e."Id" = p."EvaluationId" WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(y::text, '|' ORDER BY y."Id") FROM "PlanYears" y WHERE y."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(v::text, '|' ORDER BY v."Id") FROM "KpiValues" v JOIN "Kpis" k ON k."Id" = v."KpiId" JOIN "ActionItems" i ON i."Id" = k."ItemId" WHERE i."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(d::text, '|' ORDER BY d."Id") FROM "EntryDrafts" d WHERE d."PlanId" = @plan), '') ||
                (SELECT count(*)::text FROM "AuditEntries"))
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, WorkflowScenario scenario, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("plan", scenario.PlanId);
        command.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
        command.Parameters.AddWithValue("submitted", scenario.SubmittedItemId);
        return command;
    }
}
