using System.Globalization;
using BenchmarkDotNet.Attributes;
using DxTracker.Tests.Infrastructure;

namespace DxTracker.Benchmarks;

/// <summary>
/// The same pages of the same 500-item, 8-year plan in a database that holds only that plan and in one that holds ten
/// such plans (issue 16, finding 2): a page whose queries read only its plan and year takes the same time in both.
/// Before measuring, each page's queries are run once more under EXPLAIN ANALYZE with the planner's own choices, and
/// the rows each table's scans touched are printed, so that the log shows where the time would go.
/// </summary>
public class PlanScopeBenchmarks
{
    private BenchApp app = null!;
    private string planUrl = string.Empty;
    private string filteredUrl = string.Empty;
    private string itemUrl = string.Empty;
    private string summaryUrl = string.Empty;

    [Params(1, 10)]
    public int Plans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        app = BenchApp.AmongPlans(Plans);
        var plan = app.Plan;
        planUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}");
        filteredUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}?year={plan.LastYear - 1}&sort=status&status=Submitted");
        itemUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}/items/{app.HeaviestItemId}");
        summaryUrl = string.Create(CultureInfo.InvariantCulture, $"/api/plans/{plan.PlanId}/years/{plan.LastYear - 1}/summary");
        foreach (var url in new[] { planUrl, filteredUrl, itemUrl, summaryUrl })
        {
            ExplainAsync(url).GetAwaiter().GetResult();
        }
    }

    private async Task ExplainAsync(string url)
    {
        app.Queries.Reset();
        app.Queries.Recording = true;
        await app.GetAsync(url);
        app.Queries.Recording = false;
        var touched = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var command in app.Queries.Recorded)
        {
            foreach (var scan in await QueryPlans.ScansAsync(app.ConnectionString, command, withoutSequentialScans: false))
            {
                touched[scan.Table] = touched.GetValueOrDefault(scan.Table) + scan.Touched;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Plans} plan(s), {url}: {app.Queries.Count} queries; rows touched: {string.Join(", ", touched.Select(t => $"{t.Key} {t.Value:N0}"))}"));
    }

    [Benchmark(Description = "Plan page (default year)")]
    public Task<string> PlanPage() => app.GetAsync(planUrl);

    [Benchmark(Description = "Plan page, submitted items sorted by status")]
    public Task<string> PlanPageFiltered() => app.GetAsync(filteredUrl);

    [Benchmark(Description = "Item page")]
    public Task<string> ItemPage() => app.GetAsync(itemUrl);

    [Benchmark(Description = "Summary API")]
    public Task<string> SummaryApi() => app.GetAsync(summaryUrl);
}
