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
    public async Task An_admin_uploads_a_broken_file_sees_every_problem_then_imports_a_whole_plan()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "管理" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "管理", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-01-admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "計画の取り込み" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画の取り込み", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-02-form");

        await page.GetByLabel("取り込むファイル（JSON）").SetInputFilesAsync(BrokenTokushimaFile());
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("「tokushima-broken.json」に 4 件の問題があります。");
        var problems = page.GetByRole(AriaRole.Table, new() { Name = "ファイルの問題" });
        await Assertions.Expect(problems).ToContainTextAsync("$.fiscalYear");
        await Assertions.Expect(problems).ToContainTextAsync("実績の年度の令和12年度は計画期間（令和元年度～令和8年度）の外です。");
        await Assertions.Expect(problems).ToContainTextAsync("$.policies[0].items[0].rating");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-03-problems");

        await page.GetByLabel("取り込むファイル（JSON）").SetInputFilesAsync(Path.Combine(Pages.RepoRoot(), "tests", "DxTracker.Tests", "Import", "Fixtures", "suita-whole-plan.json"));
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("吹田市「吹田市第4期情報化推進計画」を新しく取り込みました");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("アクションプラン: 作成 8件、更新 0件");
        Assert.Contains("/admin/import?plan=", page.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-04-done");
    }

    [Fact]
    public async Task The_upload_works_with_JavaScript_switched_off()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await page.GotoAsync("/admin/import");
        var file = Path.Combine(directory, "tokushima-r2-results.json");
        await File.WriteAllBytesAsync(file, DemoData.TokushimaResults());

        await page.GetByLabel("取り込むファイル（JSON）").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("徳島市「徳島市情報化基本計画」を取り込みました。データベースの内容はファイルと同じで、変更はありませんでした。");
    }

    [Fact]
    public async Task A_file_too_large_is_refused_in_Japanese_when_chosen_and_by_the_server_without_JavaScript()
    {
        // Over the 10 MB import limit: the page refuses it as soon as it is chosen and the form is not sent.
        var overLimit = Path.Combine(directory, "too-large.json");
        await File.WriteAllBytesAsync(overLimit, new byte[11 * 1024 * 1024]);
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "admin", DemoData.Password);
        await page.GotoAsync("/admin/import");
        var input = page.GetByLabel("取り込むファイル（JSON）");
        await input.SetInputFilesAsync(overLimit);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("「too-large.json」は大きすぎます。10 MB 以下のファイルを選んでください。");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.False(await input.EvaluateAsync<bool>("e => e.form.checkValidity()"));
        var requests = 0;
        page.Request += (_, request) => requests += request.Method == "POST" ? 1 : 0;
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む", Exact = true }).ClickAsync();
        Assert.Equal(0, requests);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "import-05-too-large");
        await input.SetInputFilesAsync(Path.Combine(Pages.RepoRoot(), "tests", "DxTracker.Tests", "Import", "Fixtures", "suita-whole-plan.json"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();

        // Without JavaScript a file over what the server reads at all (30 MB) gets the Japanese 413 page, not the
        // framework's English text.
        var overServer = Path.Combine(directory, "far-too-large.json");
        await File.WriteAllBytesAsync(overServer, new byte[31 * 1024 * 1024]);
        var plain = await app.NewPageAsync(javaScriptEnabled: false);
        await Pages.SignInAsync(plain, "admin", DemoData.Password);
        await plain.GotoAsync("/admin/import");
        await plain.GetByLabel("取り込むファイル（JSON）").SetInputFilesAsync(overServer);
        var response = await plain.RunAndWaitForResponseAsync(
            () => plain.GetByRole(AriaRole.Button, new() { Name = "取り込む", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(413, response.Status);
        await Assertions.Expect(plain.GetByRole(AriaRole.Heading, new() { Name = "送信されたデータが大きすぎます", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(plain.GetByRole(AriaRole.Main)).ToContainTextAsync("JSON が10 MB まで、Excel が2 MB までです。");
        await Pages.ScreenshotAsync(plain, "import-06-too-large-server");

        // axe needs JavaScript: the same response, served to the page that has it.
        var markup = await response.TextAsync();
        await page.RouteAsync("**/admin/import", route => route.FulfillAsync(new() { Status = 413, ContentType = "text/html; charset=utf-8", Body = markup }));
        await page.GotoAsync("/admin/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "送信されたデータが大きすぎます", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        // The same status page for a page that does not exist.
        await page.GotoAsync("/admin/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ページが見つかりません", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
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
