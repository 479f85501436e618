using Bunit;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.ManageYear;
using DxTracker.Web.Features.Evaluations.ReviewEvaluation;
using MudBlazor;

namespace DxTracker.Tests.Components;

/// <summary>The reviewer's components in bUnit: a changed rating needs a reason, returns and closing are confirmed in a dialog, closed years are read-only.</summary>
public sealed class ReviewComponentsTests : MudComponentTest
{
    private static IReadOnlyList<RatingGrade> Scale()
    {
        var plan = new Plan("テスト市情報化計画", "テスト市", new FiscalYear(2019), new FiscalYear(2026));
        plan.AddGrade("S", "", "目標や計画を上回る達成状況であった。");
        plan.AddGrade("A", "", "目標や計画どおりの達成状況であった。");
        plan.AddGrade("B", "", "目標や計画を下回る達成状況であった。");
        return plan.Scale;
    }

    private IRenderedComponent<ReviewActions> RenderActions(EvaluationStatus status = EvaluationStatus.Submitted, bool closed = false,
        Action<ReviewActions.Approval>? onApprove = null, Action<string>? onReturn = null) =>
        Render<ReviewActions>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.YearClosed, closed)
            .Add(x => x.YearLabel, "令和3年度")
            .Add(x => x.SelfRating, "A")
            .Add(x => x.Scale, Scale())
            .Add(x => x.OnApprove, onApprove ?? (_ => { }))
            .Add(x => x.OnReturn, onReturn ?? (_ => { })));

    [Fact]
    public void Keeping_the_self_rating_approves_without_a_reason()
    {
        (string? Rating, string? Reason)? approved = null;
        var cut = RenderActions(onApprove: a => approved = (a.FinalRating, a.Reason));

        Assert.Contains("のまま承認します。", cut.Find("#rating-summary").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#reason"));
        cut.Find("#approve-button").Click();

        Assert.Equal((null, null), approved);
    }

    [Fact]
    public void A_changed_rating_shows_both_ratings_and_is_approved_only_with_a_reason()
    {
        (string? Rating, string? Reason)? approved = null;
        var cut = RenderActions(onApprove: a => approved = (a.FinalRating, a.Reason));

        cut.Find(".rating-S input").Click();
        var summary = cut.Find("#rating-summary").TextContent;
        Assert.Contains("自己評価 A", summary, StringComparison.Ordinal);
        Assert.Contains("最終評価 S（変更あり）", summary, StringComparison.Ordinal);
        cut.Find("#approve-button").Click();

        Assert.Contains("自己評価と異なる評価にする場合は、その理由を入力してください。", cut.Markup, StringComparison.Ordinal);
        Assert.Null(approved);

        cut.Find("#reason").Input("目標を大きく上回ったため。");
        cut.Find("#approve-button").Click();
        Assert.Equal(("S", "目標を大きく上回ったため。"), approved);
    }

    [Fact]
    public void A_return_needs_a_comment_and_is_confirmed_in_a_dialog_that_shows_it()
    {
        var dialogs = Render<MudDialogProvider>();
        string? returned = null;
        var cut = RenderActions(onReturn: comment => returned = comment);

        cut.Find("#return-button").Click();
        Assert.Contains("差し戻す理由（コメント）を入力してください。", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        cut.Find("#comment").Input("  内訳を追記してください。 ");
        cut.Find("#return-button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("内訳を追記してください。", dialogs.Find(".dx-quote").TextContent, StringComparison.Ordinal));
        Assert.Null(returned);

        dialogs.Find(".confirm-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("内訳を追記してください。", returned));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0xD800)]
    public void A_comment_or_reason_with_a_control_character_or_a_broken_character_is_refused_at_its_field(int character)
    {
        var typed = $"内訳を{(char)character}追記してください。";
        var dialogs = Render<MudDialogProvider>();
        var called = false;
        var cut = RenderActions(onApprove: _ => called = true, onReturn: _ => called = true);

        cut.Find("#comment").Input(typed);
        cut.Find("#return-button").Click();
        Assert.Equal("担当課へのコメントに使えない文字（制御文字や壊れた文字）が含まれています。その文字を消してから、もう一度お試しください。", cut.Find("#comment-error").TextContent.Trim());
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        cut.Find(".rating-S input").Click();
        cut.Find("#reason").Input(typed);
        cut.Find("#approve-button").Click();
        Assert.Contains("評価を変更する理由に使えない文字", cut.Find("#reason-error").TextContent, StringComparison.Ordinal);
        Assert.False(called);
    }

    [Fact]
    public void Cancelling_the_return_dialog_returns_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var returned = false;
        var cut = RenderActions(onReturn: _ => returned = true);
        cut.Find("#comment").Input("内訳を追記してください。");
        cut.Find("#return-button").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));

        dialogs.FindAll("button").Single(b => b.TextContent.Contains("キャンセル", StringComparison.Ordinal)).Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.False(returned);
    }

    [Theory]
    [InlineData(true, EvaluationStatus.Submitted, "令和3年度は確定済みのため、承認・差戻しはできません。")]
    [InlineData(false, EvaluationStatus.Approved, "この評価は「承認済」のため、承認・差戻しはできません。")]
    [InlineData(false, EvaluationStatus.Draft, "この評価は「下書き」のため、承認・差戻しはできません。")]
    public void A_closed_year_or_an_evaluation_not_submitted_is_read_only_and_says_why(bool closed, EvaluationStatus status, string message)
    {
        var cut = RenderActions(status, closed);

        Assert.Contains(message, cut.Find("#review-readonly").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public void Closing_with_unapproved_items_says_so_in_the_dialog_and_requires_a_reason()
    {
        var dialogs = Render<MudDialogProvider>();
        string? reason = "not called";
        var cut = Render<CloseYear>(p => p.Add(x => x.YearLabel, "令和3年度").Add(x => x.Unapproved, 2)
            .Add(x => x.OnClose, r => reason = r));
        Assert.Contains("まだ承認していない項目が 2件あります。", cut.Find("#unapproved-warning").TextContent, StringComparison.Ordinal);

        cut.Find("#close-year-button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("承認していない項目が2件あります。", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find(".confirm-button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("未承認のまま確定する理由を入力してください。", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal("not called", reason);

        dialogs.Find("#confirm-reason").Input("次年度に\0繰り越すため。");
        dialogs.Find(".confirm-button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("未承認のまま確定する理由に使えない文字（制御文字や壊れた文字）が含まれています。", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal("not called", reason);

        dialogs.Find("#confirm-reason").Input("次年度に繰り越すため。");
        dialogs.Find(".confirm-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("次年度に繰り越すため。", reason));
    }

    [Fact]
    public void Closing_with_everything_approved_is_confirmed_without_a_reason()
    {
        var dialogs = Render<MudDialogProvider>();
        string? reason = "not called";
        var cut = Render<CloseYear>(p => p.Add(x => x.YearLabel, "令和3年度").Add(x => x.Unapproved, 0)
            .Add(x => x.OnClose, r => reason = r));
        Assert.Empty(cut.FindAll("#unapproved-warning"));

        cut.Find("#close-year-button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("確定すると、この年度の実績・評価は誰も変更できなくなります。", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(dialogs.FindAll("#confirm-reason"));
        dialogs.Find(".confirm-button").Click();

        cut.WaitForAssertion(() => Assert.Null(reason));
    }
}
