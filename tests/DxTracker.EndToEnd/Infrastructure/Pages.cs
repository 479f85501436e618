using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>What journeys do on every page: sign in, check accessibility, keep a screenshot.</summary>
public static class Pages
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(RepoRoot(), "node_modules", "axe-core", "axe.min.js")));

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DxTracker.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (DxTracker.sln) not found.");
    }

    public static string ArtifactPath(string folder, string fileName)
    {
        var path = Path.Combine(RepoRoot(), "artifacts", folder);
        Directory.CreateDirectory(path);
        return Path.Combine(path, fileName);
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("ユーザーID").FillAsync(userName);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Signs in on the sign-in page with a return address and waits for that page's circuit: straight to the page, with
    /// no start page in between (which would leave a second, disconnected circuit behind).
    /// </summary>
    public static async Task SignInToAsync(IPage page, string userName, string password, string path)
    {
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.GetByLabel("ユーザーID").FillAsync(userName);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        var pathOnly = path.Split('?')[0];
        await page.WaitForURLAsync(address => new Uri(address).AbsolutePath == pathOnly);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits until an interactive page's circuit is connected and the page has rendered interactively: before that,
    /// clicks land on the prerendered HTML and do nothing. Static pages return at once, once parsed: a page still
    /// arriving (a reload that the server answers slowly) has no Blazor script yet and would pass for a static one.
    /// </summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => document.readyState !== 'loading' && (!document.querySelector('script[src*=\"blazor.web\"]') || document.documentElement.dataset.dxInteractive === 'true')",
            null, new() { Timeout = 60_000 });
    }

    /// <summary>
    /// Opens <paramref name="path"/> on a page whose circuit the server no longer knows (it restarted): the page's own
    /// script reloads it when its reconnect is rejected (circuit.js), and that reload can abort this navigation
    /// (net::ERR_ABORTED). Then the navigation is made again, once the page has settled.
    /// </summary>
    public static async Task GotoPastReloadAsync(IPage page, string path)
    {
        try
        {
            await page.GotoAsync(path);
        }
        catch (PlaywrightException e) when (e.Message.Contains("net::ERR_ABORTED", StringComparison.Ordinal))
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            await page.GotoAsync(path);
        }
    }

    /// <summary>Runs axe-core on the page and fails with a readable list of every WCAG 2.1 A/AA violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // An interactive page is checked as the user works with it: once its circuit has rendered it (while the
        // circuit takes over from the prerendered HTML, the head's <title> is briefly re-rendered).
        await WaitForCircuitAsync(page);
        // A snackbar or dialog fading in is half transparent: axe would measure the contrast of a frame no one reads.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)",
            null, new() { Timeout = 10_000 });
        await page.AddScriptTagAsync(new() { Content = AxeSource.Value });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });" +
            " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })); }");
        var violations = json.EnumerateArray().ToList();
        if (violations.Count > 0)
        {
            var report = new StringBuilder($"axe-core: {violations.Count} violation(s) on {page.Url}\n");
            foreach (var v in violations)
            {
                report.Append(System.Globalization.CultureInfo.InvariantCulture, $"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact")}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}\n");
            }
            Assert.Fail(report.ToString());
        }
    }

    /// <summary>
    /// Answers every dialog with OK, such as the browser's question before a page with unsaved changes is left. The
    /// handler is async void: a dialog that closes with its page (the navigation it guards) must not crash the test
    /// host, as it did once in CI ("Not attached to an active page").
    /// </summary>
    public static void AcceptDialogs(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Dialog += async (_, dialog) =>
        {
            try
            {
                await dialog.AcceptAsync();
            }
            catch (PlaywrightException)
            {
            }
        };
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = ArtifactPath("screenshots", name + ".png"), FullPage = true });
}
