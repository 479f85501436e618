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
        await Pages.WaitForCircuitAsync(reviewer);
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "12b-review-submitted");
        await reviewer.Locator("#return-button").ClickAsync();
        await Assertions.Expect(reviewer.GetByText("差し戻す理由（コメント）を入力してください。")).ToBeVisibleAsync();
        await reviewer.Locator("#comment").FillAsync("対象手続の内訳を追記してください。");
        await reviewer.Locator("#return-button").ClickAsync();
        var returnDialog = reviewer.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(returnDialog.GetByText("対象手続の内訳を追記してください。")).ToBeVisibleAsync();
        await DialogCheckedAsync(reviewer, "12c-review-return-dialog");
        await returnDialog.GetByRole(AriaRole.Button, new() { Name = "差し戻す" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("差し戻しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#review-readonly")).ToContainTextAsync("「差戻し」のため");

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
        await Pages.WaitForCircuitAsync(reviewer);
        await reviewer.Locator(".rating-S").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#rating-summary")).ToContainTextAsync("自己評価 A → 最終評価 S（変更あり）");
        await reviewer.Locator("#approve-button").ClickAsync();
        await Assertions.Expect(reviewer.GetByText("自己評価と異なる評価にする場合は、その理由を入力してください。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "14a-review-rating-changed");
        await reviewer.Locator("#reason").FillAsync("目標を大きく上回ったため。");
        await reviewer.Locator("#approve-button").ClickAsync();
        await Assertions.Expect(reviewer.GetByText("評価をSに変更して承認しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByText("S（理由: 目標を大きく上回ったため。）")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByText("A", new() { Exact = true }).First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "14-review-approved");

        await reviewer.GotoAsync($"/plans/{scenario.PlanId}/items/{scenario.OwnItemId}/history");
        await Assertions.Expect(reviewer.GetByText("「対象手続の内訳を追記してください。」")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "14b-item-history");

        // Bulk approval of what is left submitted, then 総括, the deadline typed in era form, and the year is closed.
        await reviewer.GotoAsync(scenario.BulkUrl);
        await Pages.WaitForCircuitAsync(reviewer);
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Cell, new() { Name = "テレワークの推進" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Cell, new() { Name = "総務課" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "15a-bulk-approve");
        await reviewer.Locator("#bulk-approve-button").ClickAsync();
        var bulkDialog = reviewer.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(bulkDialog.GetByText("1件を、担当課の自己評価のまま承認します。")).ToBeVisibleAsync();
        await DialogCheckedAsync(reviewer, "15b-bulk-approve-dialog");
        await bulkDialog.GetByRole(AriaRole.Button, new() { Name = "1件を承認する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("1件を承認しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByText("承認を待っている提出済の項目はありません。")).ToBeVisibleAsync();

        await reviewer.GotoAsync(scenario.ManageUrl);
        await Pages.WaitForCircuitAsync(reviewer);
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "15-manage-year");
        await reviewer.Locator("#deadline").FillAsync("令和4年6月30日");
        await Assertions.Expect(reviewer.Locator("#deadline-reading")).ToHaveTextAsync("読み取り：令和4年6月30日");
        await reviewer.Locator("#open-button").ClickAsync();
        await Assertions.Expect(reviewer.GetByText("入力受付を開始しました（入力期限: 令和4年6月30日）。")).ToBeVisibleAsync();
        await reviewer.Locator("#conclusion").FillAsync("電子申請の拡充は目標を上回った。");
        await Assertions.Expect(reviewer.Locator("#conclusion-unsaved")).ToBeVisibleAsync();
        await reviewer.Locator("#conclusion-button").ClickAsync();
        await Assertions.Expect(reviewer.GetByText("総括を保存しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#conclusion-unsaved")).ToHaveCountAsync(0);
        await reviewer.Locator("#close-year-button").ClickAsync();
        var closeDialog = reviewer.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(closeDialog.GetByText("承認していない項目が2件あります。", new() { Exact = false })).ToBeVisibleAsync();
        await closeDialog.GetByRole(AriaRole.Button, new() { Name = "確定する" }).ClickAsync();
        await Assertions.Expect(closeDialog.GetByText("未承認のまま確定する理由を入力してください。")).ToBeVisibleAsync();
        await DialogCheckedAsync(reviewer, "15c-close-year-dialog");
        await closeDialog.Locator("#confirm-reason").FillAsync("未提出の2件は次年度に繰り越すため。");
        await closeDialog.GetByRole(AriaRole.Button, new() { Name = "確定する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("令和3年度を確定しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#year-closed")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "15d-manage-year-closed");

        // An administrator reopens it with a reason, and closes it again.
        var admin = await app.NewPageAsync();
        await Pages.SignInAsync(admin, "admin", DemoData.Password);
        await admin.GotoAsync(scenario.ManageUrl);
        await Pages.WaitForCircuitAsync(admin);
        await admin.Locator("#reopen-button").ClickAsync();
        var reopenDialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(reopenDialog.GetByText("確定を解除すると、年度は「確認中」に戻り", new() { Exact = false })).ToBeVisibleAsync();
        await DialogCheckedAsync(admin, "15e-reopen-dialog");
        await reopenDialog.Locator("#confirm-reason").FillAsync("実績値の誤りを訂正するため。");
        await reopenDialog.GetByRole(AriaRole.Button, new() { Name = "確定を解除する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("確定を解除しました。")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#year-state")).ToContainTextAsync("確認中");
        await admin.Locator("#close-year-button").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).Locator("#confirm-reason").FillAsync("訂正を終えたため。");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "確定する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("令和3年度を確定しました。")).ToBeVisibleAsync();

        // The editor can no longer edit.
        await editor.GotoAsync(scenario.EntryUrl(scenario.OwnItemId));
        await Pages.WaitForCircuitAsync(editor);
        await Assertions.Expect(editor.GetByText("令和3年度は確定済みのため、変更できません。")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#result")).ToBeDisabledAsync();
        await Pages.AssertAccessibleAsync(editor);
        await Pages.ScreenshotAsync(editor, "16-entry-closed");
    }

    /// <summary>An opened dialog, after its transition: axe on the page with the dialog open, and a screenshot.</summary>
    private static async Task DialogCheckedAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, screenshot);
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
