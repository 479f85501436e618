using System.Globalization;
using System.Text;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task An_open_plan_page_or_entry_form_holds_less_than_2_MB_of_server_memory()
    {
        var (planId, itemId, year) = await GeneratedPlanAsync();
        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Server memory per open circuit ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Tabs} tabs each)\n\n");
        var failures = new List<string>();
        foreach (var (name, url) in new[]
        {
            ("plan page, 500 items", $"/plans/{planId}"),
            ("entry form", $"/plans/{planId}/items/{itemId}/years/{year}/entry"),
        })
        {
            var perTab = await MeasureAsync(url);
            report.Append(CultureInfo.InvariantCulture, $"- {name} (`{url}`): {perTab:0.00} MB per open tab\n");
            if (perTab >= TargetMegabytes)
            {
                failures.Add($"{name}: {perTab:0.00} MB");
            }
        }
        await File.WriteAllTextAsync(Pages.ArtifactPath("perf", "circuit-memory.md"), report.ToString());
        Assert.True(failures.Count == 0, "Over 2 MB per circuit: " + string.Join(", ", failures) + "\n" + report);
    }

    private async Task<double> MeasureAsync(string url)
    {
        // Warm up: the first circuit pays for JIT, caches and pools.
        var warm = await OpenAsync(url);
        await warm.Context.CloseAsync();
        var before = Heap();
        var pages = new List<IPage>();
        for (var i = 0; i < Tabs; i++)
        {
            pages.Add(await OpenAsync(url));
        }
        var after = Heap();
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
        return (after - before) / Tabs / 1024d / 1024d;
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "reviewer", DemoData.Password);
        await page.GotoAsync(url);
        await Pages.WaitForCircuitAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private async Task<(int PlanId, int ItemId, int Year)> GeneratedPlanAsync()
    {
        await using var db = TestDatabase.CreateAuditedContext(app.ConnectionString, "setup");
        var planId = await db.Plans.Where(p => p.Municipality == "メモリ計測市").Select(p => (int?)p.Id).SingleOrDefaultAsync()
            ?? (await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 500, Municipality = "メモリ計測市" })).PlanId;
        var open = await db.PlanYears.Where(y => y.PlanId == planId && y.State == PlanYearState.Open).Select(y => y.FiscalYear).FirstAsync();
        var items = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).OrderBy(i => i.SortOrder).ToListAsync();
        var item = items.First(i => i.IsActiveIn(new DxTracker.Web.Domain.FiscalYear(open)));
        return (planId, item.Id, open);
    }
}
