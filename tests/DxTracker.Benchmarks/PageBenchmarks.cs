using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace DxTracker.Benchmarks;

/// <summary>
/// Server-side time of the plan and item pages of a generated 500-item, 8-year plan: routing, authentication,
/// the page's queries against PostgreSQL and the HTML render, measured through an in-process HttpClient.
/// </summary>
public class PageBenchmarks
{
    private BenchApp app = null!;
    private string planUrl = string.Empty;
    private string filteredUrl = string.Empty;
    private string itemUrl = string.Empty;
    private string summaryUrl = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        app = BenchApp.Shared(items: 500);
        var plan = app.Plan;
        planUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}");
        filteredUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}?year={plan.LastYear - 1}&dept={plan.DepartmentIds["デジタル推進課"]}&sort=dept");
        // An item with three departments and a full history: the heaviest kind of item page.
        itemUrl = string.Create(CultureInfo.InvariantCulture, $"/plans/{plan.PlanId}/items/{app.HeaviestItemId}");
        summaryUrl = string.Create(CultureInfo.InvariantCulture, $"/api/plans/{plan.PlanId}/years/{plan.LastYear - 1}/summary");
        foreach (var url in new[] { planUrl, filteredUrl, itemUrl, summaryUrl })
        {
            var body = app.GetAsync(url).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {url}: {body.Length:N0} characters"));
        }
    }

    [Benchmark(Description = "Plan page, 500 items (default year)")]
    public Task<string> PlanPage() => app.GetAsync(planUrl);

    [Benchmark(Description = "Plan page, filtered by department, sorted by reading")]
    public Task<string> PlanPageFiltered() => app.GetAsync(filteredUrl);

    [Benchmark(Description = "Item page, 3 KPIs x 8 years, 8 evaluations")]
    public Task<string> ItemPage() => app.GetAsync(itemUrl);

    [Benchmark(Description = "Summary API, 500 items")]
    public Task<string> SummaryApi() => app.GetAsync(summaryUrl);
}
