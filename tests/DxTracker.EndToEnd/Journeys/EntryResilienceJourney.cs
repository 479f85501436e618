using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>The entry form when things go wrong: the server restarts while an editor types; WebSockets are refused.</summary>
[Collection(AppServerGroup.Name)]
public sealed class EntryResilienceJourney(AppServer app)
{
    [Fact]
    public async Task The_server_restarts_while_an_editor_is_typing_and_the_typed_text_is_still_there()
    {
        var scenario = await WorkflowScenario.CreateAsync(app.ConnectionString);
        var editor = await app.NewPageAsync();
        // The form asks before a page with unsaved changes is left; this journey leaves it on purpose.
        Pages.AcceptDialogs(editor);
        await Pages.SignInAsync(editor, "editor", DemoData.Password);
        await editor.GotoAsync(scenario.EntryUrl(scenario.OwnItemId));
        await Pages.WaitForCircuitAsync(editor);
        await Pages.ScreenshotAsync(editor, "17-entry-form-empty");

        await editor.Locator("#result").PressSequentiallyAsync("(1) 再起動の直前まで入力していた実績。");
        await editor.Locator("#kpi-0").PressSequentiallyAsync("１２,９００");
        await Assertions.Expect(editor.GetByText("読み取り：12,900件")).ToBeVisibleAsync();
        await Assertions.Expect(editor.GetByText("下書きを自動保存しました（")).ToBeVisibleAsync();
        // The last keystrokes reach the server's draft a moment after typing stops (the autosave's debounce).
        await EntryDrafts.WaitForAsync(app.ConnectionString, scenario.OwnItemId, d => d.KpiActuals.Values.Contains("１２,９００"), "the KPI actual １２,９００");
        await Pages.ScreenshotAsync(editor, "18-entry-form-autosaved");

        await app.RestartAppAsync();

        await Pages.GotoPastReloadAsync(editor, scenario.EntryUrl(scenario.OwnItemId));
        if (editor.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await Pages.SignInAsync(editor, "editor", DemoData.Password);
            await editor.GotoAsync(scenario.EntryUrl(scenario.OwnItemId));
        }
        await Pages.WaitForCircuitAsync(editor);
        await Assertions.Expect(editor.GetByText("前回の入力内容を復元しました（令和")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#result")).ToHaveValueAsync("(1) 再起動の直前まで入力していた実績。");
        await Assertions.Expect(editor.Locator("#kpi-0")).ToHaveValueAsync("１２,９００");
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "19-entry-restored");
    }

    [Fact]
    public async Task With_WebSockets_refused_the_form_works_over_long_polling_and_a_conflict_shows_both_versions()
    {
        var scenario = await WorkflowScenario.CreateAsync(app.ConnectionString);
        var editor = await app.NewPageAsync();
        var sockets = 0;
        editor.WebSocket += (_, _) => sockets++;
        // As a proxy that refuses the upgrade: the client has no WebSocket and falls back to long polling.
        await editor.AddInitScriptAsync("Object.defineProperty(window, 'WebSocket', { value: undefined, configurable: true });");
        await Pages.SignInAsync(editor, "editor", DemoData.Password);
        await editor.GotoAsync(scenario.EntryUrl(scenario.SharedItemId));
        await Pages.WaitForCircuitAsync(editor);

        await editor.Locator("#result").PressSequentiallyAsync("長いポーリングでも保存できる実績。");
        await editor.GetByRole(AriaRole.Radio, new() { Name = "A　目標や計画どおりの達成状況であった。" }).CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書き保存" }).ClickAsync();
        await Assertions.Expect(editor.GetByText("下書きを保存しました。")).ToBeVisibleAsync();
        Assert.Equal(0, sockets);
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            Assert.Equal("長いポーリングでも保存できる実績。", (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single().ResultText);
        }

        // Someone else saves the same part meanwhile: the editor's next save shows both versions and keeps the text.
        await editor.Locator("#result").PressSequentiallyAsync("（追記）");
        await using (var reviewer = await HandlerScope.ForAsync(app.Services, "reviewer"))
        {
            var handler = reviewer.Get<EnterResultHandler>();
            var form = (await handler.OpenAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, scenario.SomuId, restoreDraft: false)).Input;
            form.Result = "推進課が先に直した総務課の実績。";
            await handler.SaveAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, form.ToPartInput(), submit: false);
        }
        await editor.GetByRole(AriaRole.Button, new() { Name = "下書き保存" }).ClickAsync();
        await Assertions.Expect(editor.GetByText("ほかの人が同じ項目を先に変更しました")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator(".dx-entry-conflict")).ToContainTextAsync("推進課が先に直した総務課の実績。");
        await Assertions.Expect(editor.Locator("#result")).ToHaveValueAsync("長いポーリングでも保存できる実績。（追記）");
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "20-entry-conflict");
    }
}
