using System.Globalization;
using System.Text;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Performance;

/// <summary>
/// Server memory per open tab: N browser contexts (each its own circuit) on the plan page of a 500-item, 8-year plan
/// and on an entry form; the app's managed heap after a full collection, before and after. The app runs in this
/// process (WebApplicationFactory on Kestrel), so the delta also holds Playwright's small per-page objects: the figure
/// is an upper bound. Figures go to artifacts/perf/circuit-memory.md and docs/performance.md (target: under 2 MB each).
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class CircuitMemoryTests(AppServer app)
{
    private const int Tabs = 10;
    private const double TargetMegabytes = 2.0;

    [MeasurementFact]
    public async Task An_open_plan_page_or_entry_form_holds_less_than_2_MB_of_server_memory()
    {
        var (planId, itemId, year) = await MeasuredPlan.GetAsync(app.ConnectionString);
        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Server memory per open circuit ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Tabs} tabs each)\n\n");
        var failures = new List<string>();
        var pages = new[]
        {
            ("plan page, 500 items", $"/plans/{planId}"),
            ("entry form", $"/plans/{planId}/items/{itemId}/years/{year}/entry"),
        };
        // Every tab stays open until the end: a closed tab's circuit is kept (disconnected) for three minutes and
        // then dropped, which would move the heap under the next measurement. The first tab of each page pays
        // for JIT, caches and pools and is opened before anything is measured.
        var open = new List<IPage>();
        foreach (var (_, url) in pages)
        {
            open.Add(await OpenAsync(url));
        }
        foreach (var (name, url) in pages)
        {
            var before = await ServerMemory.SettledHeapAsync();
            for (var i = 0; i < Tabs; i++)
            {
                open.Add(await OpenAsync(url));
            }
            var opened = (ServerMemory.Heap() - before) / Tabs / 1024d / 1024d;
            var perTab = (await ServerMemory.SettledHeapAsync() - before) / Tabs / 1024d / 1024d;
            report.Append(CultureInfo.InvariantCulture,
                $"- {name} (`{url}`): {perTab:0.00} MB per open tab ({opened:0.00} MB right after opening, before the shared buffer pools were trimmed)\n");
            if (perTab >= TargetMegabytes)
            {
                failures.Add($"{name}: {perTab:0.00} MB");
            }
        }
        foreach (var page in open)
        {
            await page.Context.CloseAsync();
        }
        await File.WriteAllTextAsync(Pages.ArtifactPath("perf", "circuit-memory.md"), report.ToString());
        Assert.True(failures.Count == 0, "Over 2 MB per circuit: " + string.Join(", ", failures) + "\n" + report);
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var page = await app.NewPageAsync();
        await Pages.SignInToAsync(page, "reviewer", DemoData.Password, url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }
}
