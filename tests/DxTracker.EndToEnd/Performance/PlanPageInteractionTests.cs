using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Performance;

/// <summary>
/// Filtering, sorting and paging the plan page of a 500-item, 8-year plan inside its circuit, timed in the page
/// itself: from the click (or the changed keyword) until the list shows the new rows and is no longer loading. That
/// is the server's work (the event, the address change, the query, the render) plus the circuit's round trip on
/// 127.0.0.1 and the browser applying the change, so it is an upper bound of the server time. Each kind of
/// interaction runs once unmeasured, then <see cref="Rounds"/> times. Target (docs/performance.md): p95 under 100 ms.
/// Figures go to artifacts/perf/plan-page-interactions.md.
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class PlanPageInteractionTests(AppServer app)
{
    private const int Rounds = 10;
    private const double TargetP95Milliseconds = 100;

    /// <summary>Does the action (a click, or a new keyword and its change event) and resolves with the milliseconds until the list changed.</summary>
    private const string TimedAction = """
        async ([element, keyword]) => {
          const list = () => {
            const count = document.querySelector('#result-count')?.textContent ?? '';
            const links = document.querySelectorAll('.items-table tbody a');
            return count + '|' + (links[0]?.textContent ?? '') + '|' + (links[links.length - 1]?.textContent ?? '');
          };
          const loading = () => document.querySelector('.mud-table-loading-progress') !== null;
          const before = list();
          return await new Promise(resolve => {
            let started = 0;
            const observer = new MutationObserver(() => {
              if (list() !== before && !loading()) {
                observer.disconnect();
                clearTimeout(timer);
                resolve(performance.now() - started);
              }
            });
            const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            started = performance.now();
            if (keyword === null) {
              element.click();
            } else {
              element.value = keyword;
              element.dispatchEvent(new Event('change', { bubbles: true }));
            }
          });
        }
        """;

    [MeasurementFact]
    public async Task Filtering_sorting_and_paging_a_500_item_plan_take_under_100_ms()
    {
        var plan = await MeasuredPlan.GetAsync(app.ConnectionString);
        var page = await app.NewPageAsync();
        await Pages.SignInToAsync(page, "reviewer", DemoData.Password, $"/plans/{plan.PlanId}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var kinds = new (string Name, Func<int, Task<double>> Act)[]
        {
            ("page (1 ⇄ 2)", round => PageAsync(page, round % 2 == 0 ? "2" : "1")),
            ("sort (取組項目名順 ⇄ No.順)", round => ChooseAsync(page, "並び順", round % 2 == 0 ? "取組項目名順" : "No.順")),
            ("department filter", round => ChooseAsync(page, "担当部署", round % 2 == 0 ? 1 : 2)),
            ("status filter (下書き ⇄ 承認済)", round => ChooseAsync(page, "進捗状況", round % 2 == 0 ? "下書き" : "承認済")),
            ("keyword (Enter)", round => KeywordAsync(page, round % 2 == 0 ? "1" : "2")),
        };
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Plan page interactions, 500 items, 8 years ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Rounds} each after one unmeasured)\n\n");
        var failures = new List<string>();
        var all = new List<double>();
        using var metrics = new MetricsRecorder("Microsoft.AspNetCore.Components");
        foreach (var (name, act) in kinds)
        {
            await ClearAsync(page);
            await act(1);
            var times = new List<double>();
            var server = new List<IReadOnlyDictionary<string, double>>();
            for (var round = 0; round < Rounds; round++)
            {
                metrics.TakeSums();
                var ms = await act(round);
                server.Add(metrics.TakeSums());
                if (ms < 0)
                {
                    failures.Add($"{name}: the list did not change within 10 s");
                    break;
                }
                times.Add(ms);
            }
            if (times.Count == 0)
            {
                continue;
            }
            times.Sort();
            all.AddRange(times);
            var p95 = Percentiles.Of(times, 0.95);
            report.Append(CultureInfo.InvariantCulture, $"- {name}: p50 {Percentiles.Of(times, 0.5):0} ms, p95 {p95:0} ms, max {times[^1]:0} ms\n");
            var largest = server.SelectMany(s => s.Keys).Distinct()
                .Select(key => (Key: key, Values: server.Select(s => s.GetValueOrDefault(key)).Order().ToList()))
                .OrderByDescending(x => Percentiles.Of(x.Values, 0.5))
                .Take(8);
            foreach (var (key, values) in largest)
            {
                report.Append(CultureInfo.InvariantCulture, $"  - server, {key}: median {Percentiles.Of(values, 0.5):0.0} ms per interaction, p95 {Percentiles.Of(values, 0.95):0.0} ms\n");
            }
            if (p95 >= TargetP95Milliseconds)
            {
                failures.Add($"{name}: p95 {p95:0} ms");
            }
        }
        all.Sort();
        report.Append(CultureInfo.InvariantCulture, $"- all {all.Count}: p50 {Percentiles.Of(all, 0.5):0} ms, p95 {Percentiles.Of(all, 0.95):0} ms\n");
        await page.Context.CloseAsync();
        await File.WriteAllTextAsync(Pages.ArtifactPath("perf", "plan-page-interactions.md"), report.ToString());
        Assert.True(failures.Count == 0, string.Join(", ", failures) + "\n" + report);
    }

    /// <summary>Each kind starts from the whole list: 「条件をクリア」 (not timed) when an earlier kind left conditions.</summary>
    private static async Task ClearAsync(IPage page)
    {
        var clear = page.GetByRole(AriaRole.Button, new() { Name = "条件をクリア" });
        if (await clear.IsVisibleAsync())
        {
            await clear.ClickAsync();
            await Assertions.Expect(clear).ToBeHiddenAsync();
        }
    }

    private static ILocator Select(IPage page, string label) => page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    /// <summary>Opens the select (not timed: that is the popover) and times the click on the option.</summary>
    private static async Task<double> ChooseAsync(IPage page, string label, string option)
    {
        await Select(page, label).ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^" + Regex.Escape(option)) });
        return await TimeAsync(page, item, keyword: null);
    }

    /// <summary>The same, for the option at <paramref name="index"/> (after 「すべて」).</summary>
    private static async Task<double> ChooseAsync(IPage page, string label, int index)
    {
        await Select(page, label).ClickAsync();
        return await TimeAsync(page, page.GetByRole(AriaRole.Option).Nth(index), keyword: null);
    }

    private static Task<double> PageAsync(IPage page, string number) =>
        TimeAsync(page, page.Locator("nav[aria-label='ページの切り替え'] button").Filter(new() { HasTextRegex = new Regex("^" + number + "$") }), keyword: null);

    private static Task<double> KeywordAsync(IPage page, string keyword) =>
        TimeAsync(page, page.Locator("#filter-keyword"), keyword);

    private static async Task<double> TimeAsync(IPage page, ILocator target, string? keyword)
    {
        await target.WaitForAsync();
        var element = await target.ElementHandleAsync();
        var ms = await page.EvaluateAsync<double>(TimedAction, new object?[] { element, keyword });
        // The select's popover closes after the choice; the next action starts from a quiet page.
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        return ms;
    }
}
