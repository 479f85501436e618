using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>The interactive shell: a signed-in page runs in a circuit, in Japanese, under the CSP, and accessibly.</summary>
[Collection(AppServerGroup.Name)]
public sealed class InteractiveShellJourney(AppServer app)
{
    [Fact]
    public async Task A_signed_in_page_becomes_interactive_without_any_CSP_violation_and_navigates_inside_the_circuit()
    {
        var page = await app.NewPageAsync(bypassCsp: false);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        await Pages.SignInAsync(page, "editor", DemoData.Password);
        await page.GotoAsync("/plans");
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画一覧", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-table")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "05-plan-list-interactive");

        // The menu link to ホーム is followed inside the circuit (no new document) and the page still works.
        await page.EvaluateAsync("() => window.dxNoReload = true");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "計画" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画一覧", Level = 1 })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.dxNoReload === true"), "in-circuit navigation reloaded the document");

        Assert.True(problems.Count == 0, "console errors: " + string.Join(" | ", problems));
    }

    [Fact]
    public async Task The_interactive_page_is_accessible_and_its_texts_are_Japanese()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "viewer", DemoData.Password);
        await page.GotoAsync("/plans");
        await Pages.WaitForCircuitAsync(page);
        await Pages.AssertAccessibleAsync(page);
        Assert.Equal("ja", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    [Fact]
    public async Task The_static_pages_load_no_Blazor_script()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        Assert.Equal(0, await page.Locator("script[src*='blazor.web']").CountAsync());
    }
}
