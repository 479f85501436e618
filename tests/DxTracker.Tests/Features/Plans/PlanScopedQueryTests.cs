using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DxTracker.Tests.Features.Plans;

/// <summary>
/// Every page and download of one plan reads only that plan's rows, however many other plans and years the database
/// keeps (issue 16, finding 2: the plan page's main query filtered the evaluations by year only and read every plan's).
/// Each query a request sent is run again under <c>EXPLAIN ANALYZE</c> with sequential scans switched off — so that a
/// scan of a whole table means that no index serves the query's filter, not that the table is small — and the rows
/// each scan of a table that grows with plans and years touched (returned and filtered away, times its loops) must stay
/// within a small multiple of the rows the small plan itself has there. The large plan in the same database has 50
/// times as many, so a query that reads across plans, or across the years of an item list, exceeds the bound at once.
/// </summary>
[Collection(GeneratedPlans.Name)]
public sealed class PlanScopedQueryTests(QueryCountFixture fixture, ITestOutputHelper output)
{
    /// <summary>Twice the plan's own rows (a query may join a table twice), plus a little for the demo plans' rows a lookup may meet.</summary>
    private const int Factor = 2;

    private const int Slack = 40;

    public static TheoryData<string, string> Pages => new()
    {
        { "reviewer", "/plans/{plan}" },
        { "viewer", "/plans/{plan}" },
        { "reviewer", "/plans/{plan}?year=2025&sort=dept" },
        { "reviewer", "/plans/{plan}?year=2026&sort=status&status=Submitted" },
        { "reviewer", "/plans/{plan}?year=2025&sort=grade&grade=A" },
        { "viewer", "/plans/{plan}?year=2024&sort=title&q=システム" },
        { "reviewer", "/plans/{plan}/items/{item}" },
        { "viewer", "/plans/{plan}/items/{item}/history" },
        { "reviewer", "/plans/{plan}/items/{item}/years/2025/review" },
        { "reviewer", "/plans/{plan}/years/2025/approve" },
        { "reviewer", "/plans/{plan}/years/2026/manage" },
        { "reviewer", "/plans/{plan}/years/2024/report" },
        { "reviewer", "/plans/{plan}/years/2024/report.xlsx" },
        { "viewer", "/plans/{plan}/years/2024/results.csv" },
        { "viewer", "/plans/{plan}/years/2024/results.json" },
        { "viewer", "/api/plans/{plan}/years/2024/summary" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_of_one_plan_reads_only_that_plans_rows(string user, string template)
    {
        var own = await OwnRowsAsync();
        var url = template.Replace("{plan}", $"{fixture.Small.PlanId}", StringComparison.Ordinal)
            .Replace("{item}", $"{fixture.Small.ItemIds[0]}", StringComparison.Ordinal);
        var client = fixture.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, user, DemoData.Password)).StatusCode);

        fixture.Factory.Counter.Reset();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = fixture.Factory.Counter.Recorded;
        Assert.NotEmpty(commands);

        var over = new List<string>();
        foreach (var (command, index) in commands.Select((c, i) => (c, i)))
        {
            foreach (var scan in await QueryPlans.ScansAsync(fixture.ConnectionString, command, withoutSequentialScans: true))
            {
                output.WriteLine($"query {index + 1}: {scan.Node} on {scan.Table}: {scan.Touched:N0} rows");
                if (own.TryGetValue(scan.Table, out var rows) && scan.Touched > (Factor * rows) + Slack)
                {
                    over.Add($"query {index + 1}, {scan.Node} on {scan.Table}: {scan.Touched:N0} rows touched, the plan has {rows:N0}"
                        + Environment.NewLine + command.Text);
                }
            }
        }
        Assert.True(over.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, over));
    }

    /// <summary>The small plan's rows in each table that grows with plans and years, by table name.</summary>
    private async Task<IReadOnlyDictionary<string, long>> OwnRowsAsync()
    {
        await using var db = TestDatabase.CreateContext(fixture.ConnectionString);
        // The planner's statistics, as autovacuum keeps them in a database in use: without them it guesses row counts.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var plan = fixture.Small.PlanId;
        var items = db.ActionItems.Where(i => i.PlanId == plan).Select(i => i.Id);
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        return new Dictionary<string, long>
        {
            [Table<ActionItem>()] = await items.CountAsync(),
            [Table<ItemDepartment>()] = await db.ItemDepartments.CountAsync(d => items.Contains(d.ItemId)),
            [Table<SchedulePhase>()] = await db.Set<SchedulePhase>().CountAsync(s => items.Contains(s.ItemId)),
            [Table<Kpi>()] = await db.Kpis.CountAsync(k => items.Contains(k.ItemId)),
            [Table<KpiValue>()] = await db.KpiValues.CountAsync(v => db.Kpis.Any(k => k.Id == v.KpiId && items.Contains(k.ItemId))),
            [Table<YearlyEvaluation>()] = await db.Evaluations.CountAsync(e => e.PlanId == plan),
            [Table<EvaluationPart>()] = await db.EvaluationParts.CountAsync(p => db.Evaluations.Any(e => e.Id == p.EvaluationId && e.PlanId == plan)),
        };
    }
}

[CollectionDefinition(Name)]
public sealed class GeneratedPlans : ICollectionFixture<QueryCountFixture>
{
    public const string Name = "Generated plans";
}
