using System.Text.RegularExpressions;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

[Collection(AppServerGroup.Name)]
public sealed partial class PlanBrowsingJourney(AppServer app) : IAsyncLifetime
{
    private const string Municipality = "見本市";

    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool seeded;

    public async Task InitializeAsync()
    {
        // The collection shares one app and database: seed the generated plan once for every test here.
        await SeedGate.WaitAsync();
        try
        {
            if (!seeded)
            {
                await using var db = TestDatabase.CreateContext(app.ConnectionString);
                await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 20, Municipality = Municipality });
                seeded = true;
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reviewer_goes_from_the_plans_list_to_a_department_s_item()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "reviewer", DemoData.Password);
        // The start page is interactive: a click while its circuit starts can be lost in the re-render (seen on a busy machine).
        await Pages.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "計画" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画一覧", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Municipality });
        await Assertions.Expect(row).ToContainTextAsync("令和元年度～令和8年度");
        await Assertions.Expect(row).ToContainTextAsync("入力受付中");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "10-plans-list");

        await row.GetByRole(AriaRole.Link, new() { Name = "DX推進計画" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "DX推進計画", Level = 1 })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(Select(page, "表示する年度")).ToContainTextAsync("令和8年度");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "自己評価結果（令和8年度）" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "11-plan-page");

        await Select(page, "担当部署").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "11b-plan-department-options");
        await page.GetByRole(AriaRole.Option, new() { Name = "デジタル推進課", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(DepartmentInQuery());
        // The rows are read once the filtered page has rendered (its count line says so), not while it reloads.
        await Assertions.Expect(page.GetByText("条件に合う")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".items-table .mud-table-loading-progress")).ToHaveCountAsync(0);
        var itemRows = ItemRows(page);
        await Assertions.Expect(itemRows.First).ToBeVisibleAsync();
        Assert.True(await itemRows.CountAsync() > 0, "the digital office has items");
        foreach (var itemRow in await itemRows.AllAsync())
        {
            await Assertions.Expect(itemRow.Locator("td.col-dept")).ToContainTextAsync("デジタル推進課");
        }
        await Assertions.Expect(page.GetByText("条件に合う")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "12-plan-filtered-by-department");

        var firstItem = itemRows.First.Locator("td").Nth(1).GetByRole(AriaRole.Link);
        var title = (await firstItem.InnerTextAsync()).Trim();
        await firstItem.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "評価指標（KPI）" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "年度ごとの取組実績と評価" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("デジタル推進課").First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "13-item-page");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "パンくずリスト" }).GetByRole(AriaRole.Link, new() { Name = "DX推進計画" }).ClickAsync();
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(Select(page, "表示する年度")).ToContainTextAsync("令和8年度");
    }

    [Fact]
    public async Task An_indicator_published_under_another_name_shows_that_name_beside_its_value()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "viewer", DemoData.Password);
        await page.GotoAsync("/plans");
        await Pages.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "徳島市情報化基本計画" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "小・中学校のタブレット端末の整備" }).ClickAsync();

        var table = page.GetByRole(AriaRole.Table, new() { Name = "タブレット端末 の年度ごとの予定・実績・達成率" });
        var actuals = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "実績" }).First;
        await Assertions.Expect(actuals).ToContainTextAsync("17,183台（報告書の表記：GIGAタブレット端末）");
        await Assertions.Expect(page.GetByText("報告書の表記")).ToHaveCountAsync(1);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "13c-item-kpi-name-as-written");
    }

    [Fact]
    public async Task The_year_filters_and_sort_are_kept_in_the_address_and_survive_a_reload()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "viewer", DemoData.Password);
        await page.GotoAsync("/plans");
        await Pages.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = Municipality }).GetByRole(AriaRole.Link, new() { Name = "DX推進計画" }).ClickAsync();
        await Pages.WaitForCircuitAsync(page);

        await ChooseAsync(page, "表示する年度", "令和2年度");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "自己評価結果（令和2年度）" })).ToBeVisibleAsync();
        await ChooseAsync(page, "進捗状況", "承認済");
        await page.WaitForURLAsync(url => url.Contains("status=Approved", StringComparison.Ordinal));
        await ChooseAsync(page, "並び順", "評価順（S→C）");
        await page.WaitForURLAsync(url => url.Contains("sort=grade", StringComparison.Ordinal));
        Assert.Contains("year=2020", page.Url, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(Select(page, "表示する年度")).ToContainTextAsync("令和2年度");
        await Assertions.Expect(Select(page, "進捗状況")).ToContainTextAsync("承認済");
        await Assertions.Expect(Select(page, "並び順")).ToContainTextAsync("評価順（S→C）");
        await Assertions.Expect(ItemRows(page).First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "条件をクリア" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("status=", StringComparison.Ordinal));
        await Assertions.Expect(Select(page, "表示する年度")).ToContainTextAsync("令和2年度");
        await Assertions.Expect(Select(page, "進捗状況")).ToContainTextAsync("すべて");
    }

    /// <summary>A MudSelect, found as a user finds it: the combobox named by its label.</summary>
    private static ILocator Select(IPage page, string label) => page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await Select(page, label).ClickAsync();
        // An option's name may go on after the text chosen (令和2年度（確定）).
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^" + Regex.Escape(option)) }).ClickAsync();
        await Assertions.Expect(Select(page, label)).ToContainTextAsync(option);
    }

    /// <summary>The item rows of the plan page's table (the policy and category headings are rows too).</summary>
    private static ILocator ItemRows(IPage page) => page.Locator(".items-table tbody tr:not(.policy-group-row):not(:has(th))");

    [GeneratedRegex(@"[?&]dept=\d+")]
    private static partial Regex DepartmentInQuery();
}
