using System.Collections.Concurrent;
using System.Diagnostics;
using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// Several instances (issue 12): the instance that serves an editor stops while the editor is typing, and the editor
/// carries on through the other one behind the same nginx, still signed in, with nothing typed lost.
/// </summary>
[Collection(TwoInstancesBehindNginx.Name)]
public sealed class FailoverJourney(TwoInstancesBehindNginx servers)
{
    [Fact]
    public async Task The_instance_serving_an_editor_stops_mid_entry_and_the_editor_carries_on_through_the_other()
    {
        var scenario = await WorkflowScenario.CreateAsync(servers.ConnectionString);
        var entryUrl = scenario.EntryUrl(scenario.OwnItemId);
        var editor = await servers.NewPageAsync();
        // The reload after the stop leaves a page with unsaved changes: the browser asks, the editor says yes.
        Pages.AcceptDialogs(editor);
        var pagesOpened = new ConcurrentQueue<(string Path, AppInstance? By)>();
        editor.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document")
            {
                pagesOpened.Enqueue((new Uri(response.Url).AbsolutePath, servers.ServedBy(response)));
            }
        };
        await Pages.SignInAsync(editor, "editor", DemoData.Password);
        var opened = await editor.GotoAsync(entryUrl);
        await Pages.WaitForCircuitAsync(editor);
        var serving = servers.ServedBy(opened!)!;
        var surviving = servers.Other(serving);

        await editor.Locator("#kpi-0").PressSequentiallyAsync("１２,９００");
        await Assertions.Expect(editor.GetByText("読み取り：12,900件")).ToBeVisibleAsync();
        await editor.Locator("#result").PressSequentiallyAsync("(1) 停止の前に入力していた実績。");
        await EntryDrafts.WaitForAsync(servers.ConnectionString, scenario.OwnItemId, d => d.ResultText == "(1) 停止の前に入力していた実績。" && d.KpiActuals.Values.Contains("１２,９００"), "the typed text and KPI actual");
        await Pages.ScreenshotAsync(editor, "48-failover-before-stop");
        // Typed within the autosave's delay before the stop, in the same field (no field left): the server has it (its
        // counter shows the new length), the draft not yet (it is saved two seconds after the last keystroke).
        const string beforeStop = "(1) 停止の前に入力していた実績。停止の直前の追記。";
        await editor.Locator("#result").PressSequentiallyAsync("停止の直前の追記。");
        await Assertions.Expect(editor.GetByText($"{beforeStop.Length} / 10000")).ToBeVisibleAsync();
        var stoppedAt = pagesOpened.Count;

        // SIGTERM: the graceful stop closes the circuit's connection, and the form keeps its draft as it goes down.
        var stopping = Stopwatch.StartNew();
        await serving.StopAsync();
        stopping.Stop();
        await EntryDrafts.WaitForAsync(servers.ConnectionString, scenario.OwnItemId, d => d.ResultText == beforeStop, "the text typed just before the stop");

        // The circuit is gone with its instance; the page reloads through nginx, which passes it to the other instance.
        // Blazor retries the connection with a growing delay (its default backoff): an attempt that fails while the
        // instance goes down puts the next one seconds later (CI saw more than 5 s), so the reload gets 30 s.
        await Assertions.Expect(editor.GetByText("前回の入力内容を復元しました（令和")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Pages.WaitForCircuitAsync(editor);
        Assert.True(serving.HasExited);
        // The browser reconnected as the stop began; the stopping instance refused it (StoppingInstanceGate), nginx
        // passed it on, so the stop did not wait out ASP.NET Core's 30-second shutdown timeout for a reconnected circuit.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"the stop took {stopping.Elapsed.TotalSeconds:F1} s");
        // One page since the stop, the reload, from the other instance: no sign-in page in between.
        var afterStop = pagesOpened.Skip(stoppedAt).ToList();
        Assert.Equal([(entryUrl, surviving)], afterStop.Select(p => (p.Path, p.By)));
        Assert.EndsWith(entryUrl, editor.Url, StringComparison.Ordinal);
        await Assertions.Expect(editor.Locator("#result")).ToHaveValueAsync(beforeStop);
        await Assertions.Expect(editor.Locator("#kpi-0")).ToHaveValueAsync("１２,９００");
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "49-failover-restored");

        await editor.Locator("#result").PressSequentiallyAsync("(2) 別のサーバーで続けて入力した実績。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書き保存" }).ClickAsync();
        await Assertions.Expect(editor.GetByText("下書きを保存しました。")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(editor, "50-failover-saved");

        await using var db = TestDatabase.CreateContext(servers.ConnectionString);
        var part = (await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId))!.Parts.Single();
        Assert.Equal(beforeStop + "(2) 別のサーバーで続けて入力した実績。", part.ResultText);
        var kpi = await db.KpiValues.SingleAsync(v => v.KpiId == scenario.KpiId && v.FiscalYear == WorkflowScenario.FiscalYear);
        Assert.Equal("１２,９００", kpi.ActualText);
        // One sign-in, one session: the stopped instance wrote it, the other read it with the same keys. Its address is the
        // browser's, from X-Forwarded-For (nginx connects from 127.0.0.2); the cookie is plain over http.
        var editorId = await db.Users.Where(u => u.UserName == "editor").Select(u => u.Id).SingleAsync();
        var session = await db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == editorId);
        Assert.Equal("127.0.0.1", session.Address);
        Assert.Null(session.EndedAt);
        var cookie = (await editor.Context.CookiesAsync()).Single(c => c.Name == "DxTracker.Auth");
        Assert.False(cookie.Secure);
    }
}
