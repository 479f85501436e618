using System.Text.Json;
using Npgsql;

namespace DxTracker.Tests.Infrastructure;

/// <summary>A scan of a table in a query's executed plan, and the rows it touched: returned and filtered away, times its loops.</summary>
public sealed record TableScan(string Node, string Table, long Touched);

/// <summary>
/// Runs recorded SELECTs again under <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> and lists the table scans of the executed
/// plan, to show which rows a page's queries really read. Linked into the benchmarks as source.
/// </summary>
public static class QueryPlans
{
    /// <summary>
    /// The scans of one command (none for a command that is not a query). <paramref name="withoutSequentialScans"/>
    /// switches the planner's sequential scans off, so that a scan of a whole table means that no index serves the
    /// query's filter, rather than that the table is small.
    /// </summary>
    public static async Task<IReadOnlyList<TableScan>> ScansAsync(string connectionString, RecordedCommand command, bool withoutSequentialScans)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = command.Text.TrimStart();
        if (!text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var settings = new NpgsqlCommand(withoutSequentialScans ? "SET enable_seqscan = off" : "RESET enable_seqscan", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + text, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }
        var json = (string)(await explain.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        var scans = new List<TableScan>();
        Walk(document.RootElement[0].GetProperty("Plan"), scans);
        return scans;
    }

    private static void Walk(JsonElement node, List<TableScan> scans)
    {
        if (node.TryGetProperty("Relation Name", out var relation))
        {
            var loops = node.GetProperty("Actual Loops").GetInt64();
            var perLoop = node.GetProperty("Actual Rows").GetDouble() + Number(node, "Rows Removed by Filter") + Number(node, "Rows Removed by Index Recheck");
            scans.Add(new TableScan(node.GetProperty("Node Type").GetString()!, relation.GetString()!, (long)Math.Ceiling(perLoop * loops)));
        }
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, scans);
            }
        }
    }

    private static double Number(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
}
