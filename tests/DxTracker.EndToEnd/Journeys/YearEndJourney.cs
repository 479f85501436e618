using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Evaluations;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>The year end as the two main users live it, in Chromium, keyboard-only where it matters.</summary>
[Collection(AppServerGroup.Name)]
public sealed class YearEndJourney(AppServer app)
{
    [Fact]
    public async Task Editor_submits_reviewer_returns_editor_resubmits_reviewer_approves_with_a_changed_rating_and_closes_the_year()
    {
        var scenario = await WorkflowScenario.CreateAsync(app.ConnectionString);
        var editor = await app.NewPageAsync();
        await Pages.SignInAsync(editor, "editor", DemoData.Password);
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "10-editor-start-page");

        // The editor finds the item on the start page and fills the form with the keyboard only.
        // Other journeys share this app and plan numbers repeat, so find this plan's link and check its name.
        var link = editor.Locator($"a[href='{scenario.EntryUrl(scenario.OwnItemId)}?dept={scenario.SomuId}']");
        await Assertions.Expect(link).ToHaveAccessibleNameAsync("入力する（No.1）");
        await link.ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "令和3年度の実績入力" })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(editor);
        await Pages.AssertAccessibleAsync(editor);
        await TabToAsync(editor, "#result");
        await editor.Keyboard.TypeAsync("(1) 電子申請の対象手続を30件追加した。");
        await TabToAsync(editor, "input[type='radio']");
        await editor.Keyboard.PressAsync("ArrowDown");
        await editor.Keyboard.PressAsync("Space");
        await Assertions.Expect(editor.GetByRole(AriaRole.Radio, new() { Name = "A　目標や計画どおりの達成状況であった。" })).ToBeCheckedAsync();
        await TabToAsync(editor, "#improvement");
        await editor.Keyboard.TypeAsync("窓口での案内を強化する。");
        await TabToAsync(editor, "#kpi-0");
        await editor.Keyboard.TypeAsync("１２,９００");
        await Assertions.Expect(editor.GetByText("読み取り：12,900件")).ToBeVisibleAsync();
        await Assertions.Expect(editor.GetByText("下書きを自動保存しました（")).ToBeVisibleAsync();
        await TabToButtonAsync(editor, "下書き保存");
        await Pages.ScreenshotAsync(editor, "11-entry-form-filled");
        await editor.Keyboard.PressAsync("Enter");
        await Assertions.Expect(editor.GetByText("下書きを保存しました。")).ToBeVisibleAsync();
        await TabToButtonAsync(editor, "提出する");
        await editor.Keyboard.PressAsync("Enter");
        await Assertions.Expect(editor.GetByText("提出しました。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(editor);

        // The reviewer sees it first in the queue and returns it with a comment.
        var reviewer = await app.NewPageAsync();
        await Pages.SignInAsync(reviewer, "reviewer", DemoData.Password);
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "12-reviewer-start-page");
        await reviewer.GotoAsync(scenario.ReviewUrl(scenario.OwnItemId));
        await Pages.AssertAccessibleAsync(reviewer);
        await reviewer.GetByLabel("担当課へのコメント").FillAsync("対象手続の内訳を追記してください。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "差し戻す" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("差し戻しました。")).ToBeVisibleAsync();

        // The editor sees the comment, fixes the text and submits again.
        await editor.GotoAsync(scenario.EntryUrl(scenario.OwnItemId));
        await Pages.WaitForCircuitAsync(editor);
        await Assertions.Expect(editor.GetByText("対象手続の内訳を追記してください。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "13-entry-returned");
        await editor.Locator("#result").FillAsync("(1) 電子申請の対象手続を30件（子育て10件、税15件、その他5件）追加した。");
        await TabToButtonAsync(editor, "提出する");
        await editor.Keyboard.PressAsync("Enter");
        await Assertions.Expect(editor.GetByText("提出しました。")).ToBeVisibleAsync();

        // The reviewer approves with a different rating and a reason; both ratings stay visible.
        await reviewer.GotoAsync(scenario.ReviewUrl(scenario.OwnItemId));
        await reviewer.GetByLabel("最終評価").SelectOptionAsync("S");
        await reviewer.GetByLabel("評価を変更する理由").FillAsync("目標を大きく上回ったため。");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "承認する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("承認しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByText("S（理由: 目標を大きく上回ったため。）")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "14-review-approved");

        await reviewer.GotoAsync($"/plans/{scenario.PlanId}/items/{scenario.OwnItemId}/history");
        await Assertions.Expect(reviewer.GetByText("「対象手続の内訳を追記してください。」")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "14b-item-history");

        // Bulk approval page, then the year is closed.
        await reviewer.GotoAsync(scenario.BulkUrl);
        await Pages.AssertAccessibleAsync(reviewer);
        await reviewer.GotoAsync(scenario.ManageUrl);
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "15-manage-year");
        await reviewer.GetByLabel("確定すると、この年度の実績・評価は誰も変更できなくなることを確認しました。").CheckAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "令和3年度を確定する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("年度を確定しました。")).ToBeVisibleAsync();

        // The editor can no longer edit.
        await editor.GotoAsync(scenario.EntryUrl(scenario.OwnItemId));
        await Pages.WaitForCircuitAsync(editor);
        await Assertions.Expect(editor.GetByText("令和3年度は確定済みのため、変更できません。")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#result")).ToBeDisabledAsync();
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "16-entry-closed");
    }

    /// <summary>Presses Tab until the button named <paramref name="name"/> has the focus.</summary>
    private static async Task TabToButtonAsync(IPage page, string name)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>("n => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === n", name))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached the button {name}");
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (as a keyboard user would).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}");
    }
}
