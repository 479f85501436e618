using System.Text;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

[Collection(AppServerGroup.Name)]
public sealed class ImportJourney(AppServer app) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dxt-import-journey-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task An_admin_uploads_a_broken_file_sees_every_problem_then_previews_and_imports_a_whole_plan()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await Pages.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "管理" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "管理", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-01-admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "計画の取り込み" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画の取り込み", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-02-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("取り込むファイルを選んでください。");

        await ChooseFileAsync(page, BrokenTokushimaFile());
        await Assertions.Expect(page.GetByText("選んだファイル：tokushima-broken.json")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("「tokushima-broken.json」に 4 件の問題があります。", Slow);
        var problems = page.GetByRole(AriaRole.Region, new() { Name = "ファイルの問題" });
        await Assertions.Expect(problems).ToContainTextAsync("$.fiscalYear");
        await Assertions.Expect(problems).ToContainTextAsync("実績の年度の令和12年度は計画期間（令和元年度～令和8年度）の外です。");
        await Assertions.Expect(problems).ToContainTextAsync("$.policies[0].items[0].rating");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-03-problems");

        await ChooseFileAsync(page, Path.Combine(Pages.RepoRoot(), "tests", "DxTracker.Tests", "Import", "Fixtures", "suita-whole-plan.json"));
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "取り込む内容の確認（まだ取り込んでいません）" });
        await Assertions.Expect(preview).ToContainTextAsync("アクションプラン: 作成 8件、更新 0件", Slow);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-04-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で取り込む" }).ClickAsync();
        var done = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status).Filter(new() { HasText = "取り込みが完了しました" });
        await Assertions.Expect(done).ToContainTextAsync("吹田市「吹田市第4期情報化推進計画」を新しく取り込みました", Slow);
        await Assertions.Expect(done).ToContainTextAsync("アクションプラン: 作成 8件、更新 0件");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("を新しく取り込みました");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-05-done");
    }

    [Fact]
    public async Task The_published_Tokushima_file_imported_again_changes_nothing()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await page.GotoAsync("/admin/import");
        await Pages.WaitForCircuitAsync(page);
        var file = Path.Combine(directory, "tokushima-r2-results.json");
        await File.WriteAllBytesAsync(file, DemoData.TokushimaResults());

        await ChooseFileAsync(page, file);
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByText("データベースの内容はファイルと同じです。取り込んでも何も変わりません。")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で取り込む" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status).Filter(new() { HasText = "取り込みが完了しました" }))
            .ToContainTextAsync("徳島市「徳島市情報化基本計画」を取り込みました。データベースの内容はファイルと同じで、変更はありませんでした。", Slow);
    }

    [Fact]
    public async Task A_large_plan_shows_how_far_its_check_and_its_import_have_come()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await page.GotoAsync("/admin/import");
        await Pages.WaitForCircuitAsync(page);
        // 600 items with eight years of KPI values and evaluations: about 6 MB, a few seconds to check and to import.
        var file = Path.Combine(directory, "large-plan.json");
        await using (var stream = File.Create(file))
        {
            DxTracker.Tests.Import.PlanFileGenerator.Write(stream, items: 600, municipality: "進捗表示市");
        }
        await ChooseFileAsync(page, file);

        // The progress card changes faster than assertions poll (a step can last less than their interval, and CI's
        // machine is slower or faster than this one), so the page records every state it shows and the test reads them.
        await RecordProgressAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        var progress = page.Locator("#import-progress");
        await ScreenshotWhileVisibleAsync(page, progress, "import-06-progress");
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "取り込む内容の確認（まだ取り込んでいません）" });
        await Assertions.Expect(preview).ToContainTextAsync("作成 600件", Slow);
        await Assertions.Expect(progress).ToHaveCountAsync(0);
        var checking = await SeenProgressAsync(page);
        AssertStepsInOrder(checking);
        Assert.Contains("内容を確認しています｜データベースに保存しています｜バーあり", checking);
        // The 600 rows scroll in a region the keyboard reaches.
        await Assertions.Expect(preview.GetByRole(AriaRole.Region, new() { Name = "項目ごとの変更（600件）" })).ToHaveAttributeAsync("tabindex", "0");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-07-large-preview");

        await RecordProgressAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で取り込む" }).ClickAsync();
        // axe on the page as it is: the progress card while the import runs (it takes seconds), the result if it is done.
        await Pages.AssertAccessibleAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status).Filter(new() { HasText = "取り込みが完了しました" }))
            .ToContainTextAsync("進捗表示市「DX推進計画」を新しく取り込みました", Slow);
        var importing = await SeenProgressAsync(page);
        AssertStepsInOrder(importing);
        Assert.Contains("取り込んでいます｜データベースに保存しています｜バーあり", importing);
    }

    /// <summary>
    /// Starts recording, in the page, each state of the progress card (heading｜step｜whether the bar is there) as the
    /// DOM changes; <see cref="SeenProgressAsync"/> reads them.
    /// </summary>
    private static async Task RecordProgressAsync(IPage page) => await page.EvaluateAsync("""
        () => {
          window.dxSeenProgress = [];
          window.dxProgressObserver?.disconnect();
          const record = () => {
            const card = document.querySelector('#import-progress');
            if (!card) return;
            const state = [card.querySelector('h2')?.textContent.trim(), card.querySelector('[role=status]')?.textContent.trim(),
                           card.querySelector('[role=progressbar]') ? 'バーあり' : 'バーなし'].join('｜');
            if (!window.dxSeenProgress.includes(state)) window.dxSeenProgress.push(state);
          };
          window.dxProgressObserver = new MutationObserver(record);
          window.dxProgressObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """);

    /// <summary>
    /// The steps the card showed came in the importer's order. A step shorter than one render (reading a file a fast
    /// machine reads at once) may never reach the browser: Blazor sends the latest state, so the test does not require
    /// every step (CI's machine applied 600 items within one render once, and read the file within one another time):
    /// it requires that the card moved through at least two steps, with its bar, and showed the save, the longest.
    /// </summary>
    private static void AssertStepsInOrder(IReadOnlyList<string> seen)
    {
        string[] order = ["ファイルを読み取り、確認しています", "登録済みの計画を読み込んでいます", "項目を反映しています", "データベースに保存しています"];
        var steps = seen.Select(s => Array.FindIndex(order, step => s.Split('｜')[1].StartsWith(step, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, steps);
        Assert.Equal(steps.Order(), steps);
        Assert.True(steps.Distinct().Count() >= 2, $"the card showed one step only: {string.Join(", ", seen)}");
        Assert.All(seen, s => Assert.EndsWith("｜バーあり", s, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> SeenProgressAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.dxSeenProgress");

    /// <summary>A screenshot of the progress card when it is still there (a fast machine may have finished already).</summary>
    private static async Task ScreenshotWhileVisibleAsync(IPage page, ILocator progress, string name)
    {
        try
        {
            await progress.WaitForAsync(new() { Timeout = 10_000 });
            await Pages.ScreenshotAsync(page, name);
        }
        catch (TimeoutException)
        {
            // Finished before the card could be seen: the recorded states are what the test checks.
        }
    }

    [Fact]
    public async Task A_file_too_large_is_refused_in_Japanese_when_chosen_and_a_post_over_the_servers_limit_gets_the_413_page()
    {
        // Over the import limit (set to 10 MB for this server, AppServer): the page refuses it as soon as it is chosen, and nothing is sent.
        var overLimit = Path.Combine(directory, "too-large.json");
        await File.WriteAllBytesAsync(overLimit, new byte[11 * 1024 * 1024]);
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await page.GotoAsync("/admin/import");
        await Pages.WaitForCircuitAsync(page);
        var requests = 0;
        page.Request += (_, request) => requests += request.Method == "POST" ? 1 : 0;
        var sent = 0L;
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => sent += frame.Binary?.Length ?? frame.Text?.Length ?? 0;
        await FileInput(page).SetInputFilesAsync(overLimit);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("「too-large.json」は大きすぎます。10 MB 以下のファイルを選んでください。");
        await Assertions.Expect(page.Locator("#file")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("「too-large.json」は大きすぎます。10 MB 以下のファイルを選んでください。");
        Assert.Equal(0, requests);
        Assert.True(sent < 1024 * 1024, $"{sent} bytes went over the circuit for a refused file");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-06-too-large");
        await FileInput(page).SetInputFilesAsync(Path.Combine(Pages.RepoRoot(), "tests", "DxTracker.Tests", "Import", "Fixtures", "suita-whole-plan.json"));
        await Assertions.Expect(page.GetByText("選んだファイル：suita-whole-plan.json")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();

        // The page itself posts nothing; a post over what the server reads at all (30 MB), sent straight to the page's
        // address, gets the Japanese 413 page, not the framework's English text.
        var form = page.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "far-too-large.json", MimeType = "application/json", Buffer = new byte[31 * 1024 * 1024] });
        var response = await page.APIRequest.PostAsync("/admin/import", new() { Multipart = form });
        Assert.Equal(413, response.Status);
        var markup = await response.TextAsync();
        Assert.Contains("送信されたデータが大きすぎます", markup, StringComparison.Ordinal);
        Assert.Contains("JSON が10 MB まで、Excel が2 MB までです。", markup, StringComparison.Ordinal);

        // axe on that page, served to the browser as it was sent.
        await page.RouteAsync("**/admin/import", route => route.FulfillAsync(new() { Status = 413, ContentType = "text/html; charset=utf-8", Body = markup }));
        await page.GotoAsync("/admin/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "送信されたデータが大きすぎます", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-07-too-large-server");
        // The same status page for a page that does not exist.
        await page.GotoAsync("/admin/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ページが見つかりません", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
    }

    /// <summary>A whole import (or its preview) runs the full check and writes in one transaction: give it time on a loaded machine.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    private static ILocator FileInput(IPage page) => page.Locator("input[type=file]").First;

    /// <summary>Chooses a file as a user does, and waits until the page names it and has read it (the button is enabled again).</summary>
    private static async Task ChooseFileAsync(IPage page, string path)
    {
        await FileInput(page).SetInputFilesAsync(path);
        await Assertions.Expect(page.GetByText("選んだファイル：" + Path.GetFileName(path))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "内容を確認する" })).ToBeEnabledAsync(new() { Timeout = 60_000 });
    }

    /// <summary>The demo's Tokushima file with a year outside the plan and a grade the scale does not have.</summary>
    private string BrokenTokushimaFile()
    {
        var json = Encoding.UTF8.GetString(DemoData.TokushimaResults());
        json = ReplaceOnce(json, "\"fiscalYear\": 2020,", "\"fiscalYear\": 2030,");
        json = ReplaceOnce(json, "\"rating\": \"B\",", "\"rating\": \"Ｂ+\",");
        var path = Path.Combine(directory, "tokushima-broken.json");
        File.WriteAllText(path, json, new UTF8Encoding(false));
        return path;
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var index = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0, $"「{from}」 not found");
        return string.Concat(text.AsSpan(0, index), to, text.AsSpan(index + from.Length));
    }
}
