using Bunit;
using DxTracker.Tests.Components;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>The entry form's behaviour in bUnit, with the real handler on a real database acting as the demo editor.</summary>
public sealed class ResultEntryPageTests(DatabaseFixture database) : MudComponentTest, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    /// <summary>Generous: the machine running the tests may be busy, and the real handler goes to the database.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private DxWebApplicationFactory factory = null!;
    private HandlerScope editor = null!;
    private WorkflowScenario scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
        editor = await HandlerScope.ForAsync(factory.Services, "editor");
        Services.AddSingleton(editor.Get<EnterResultHandler>());
        RenderProviders();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await editor.DisposeAsync();
        await factory.DisposeAsync();
    }

    private IRenderedComponent<ResultEntryPage> Open(int itemId, TimeSpan? autosaveDelay = null)
    {
        var page = Render<ResultEntryPage>(p => p
            .Add(x => x.PlanId, scenario.PlanId)
            .Add(x => x.ItemId, itemId)
            .Add(x => x.Year, WorkflowScenario.FiscalYear)
            .Add(x => x.AutosaveDelay, autosaveDelay ?? TimeSpan.FromMilliseconds(100)));
        page.WaitForElement("#result", Wait);
        return page;
    }

    [Fact]
    public void A_KPI_actual_is_read_as_it_is_typed_full_width_digits_included()
    {
        var page = Open(scenario.OwnItemId);

        page.Find("#kpi-0").Input("１２,９００");
        page.WaitForAssertion(() => Assert.Contains("読み取り：12,900件", page.Markup, StringComparison.Ordinal), Wait);

        page.Find("#kpi-0").Input("たくさん");
        page.WaitForAssertion(() => Assert.Contains("「たくさん」は数値として読み取れません。", page.Find("#kpi-0-error").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("読み取り：", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_long_texts_count_their_characters_and_last_years_text_is_beside_this_years()
    {
        var page = Open(scenario.OwnItemId);
        Assert.Contains("0 / 10000", page.Markup, StringComparison.Ordinal);

        page.Find("#result").Input("電子申請を追加");

        page.WaitForAssertion(() => Assert.Contains("7 / 10000", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains("前年度は電子申請を20手続追加した。", page.Find(".dx-entry-previous").TextContent, StringComparison.Ordinal);
        Assert.Contains("目標や計画どおりの達成状況であった。", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_submitted_evaluation_is_read_only_and_says_why()
    {
        var page = Open(scenario.SubmittedItemId);

        Assert.Contains("この評価は提出済のため、変更できません。", page.Markup, StringComparison.Ordinal);
        Assert.True(page.Find("#result").HasAttribute("disabled"));
        Assert.All(page.FindAll("button").Where(b => b.TextContent.Trim() is "下書き保存" or "提出する"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Typing_saves_the_draft_on_the_server_a_moment_later_and_says_so()
    {
        var page = Open(scenario.OwnItemId);

        page.Find("#result").Input("入力途中の実績");

        page.WaitForAssertion(() => Assert.Matches("下書きを自動保存しました（[0-2][0-9]:[0-5][0-9]）", page.Find(".dx-entry-autosave").TextContent), Wait);
        await using var db = database.CreateContext();
        Assert.Equal("入力途中の実績", (await db.EntryDrafts.SingleAsync(d => d.ItemId == scenario.OwnItemId)).ResultText);
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));

        // Opened again (another tab, after a restart): the draft comes back, and can be discarded.
        var again = Open(scenario.OwnItemId);
        Assert.Contains("前回の入力内容を復元しました（令和", again.Markup, StringComparison.Ordinal);
        Assert.Equal("入力途中の実績", again.Find("#result").GetAttribute("value") ?? again.Find("#result").TextContent);
        again.FindAll("button").Single(b => b.TextContent.Trim() == "復元した内容を破棄する").Click();
        again.WaitForAssertion(() => Assert.DoesNotContain("前回の入力内容を復元しました", again.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(0, await db.EntryDrafts.CountAsync(d => d.ItemId == scenario.OwnItemId));
    }

    [Fact]
    public async Task A_change_typed_within_the_autosave_delay_is_kept_when_the_connection_goes_down()
    {
        var page = Open(scenario.OwnItemId, autosaveDelay: TimeSpan.FromHours(1));
        page.Find("#result").Input("停止の直前に入力した実績");
        page.WaitForAssertion(() => Assert.Contains("12 / 10000", page.Markup, StringComparison.Ordinal), Wait);
        await using var db = database.CreateContext();
        Assert.False(await db.EntryDrafts.AnyAsync(d => d.ItemId == scenario.OwnItemId));

        // As the circuit handler does when the tab is closed, the network lost or the instance stops (FailoverJourney).
        await page.InvokeAsync(() => ConnectionLoss.KeepAsync());

        Assert.Equal("停止の直前に入力した実績", (await db.EntryDrafts.AsNoTracking().SingleAsync(d => d.ItemId == scenario.OwnItemId)).ResultText);
    }

    [Fact]
    public async Task Submitting_an_empty_form_shows_the_messages_at_the_fields()
    {
        var page = Open(scenario.OwnItemId);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "提出する").Click();

        page.WaitForAssertion(() => Assert.Contains("入力内容を確認してください。", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains("取組実績を入力してください。", page.Markup, StringComparison.Ordinal);
        Assert.Contains("自己評価を選んでください。", page.Find("#rating-error").TextContent, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
    }

    [Fact]
    public async Task A_conflicting_save_shows_both_versions_and_keeps_the_users_text()
    {
        var page = Open(scenario.SharedItemId);
        page.Find("#result").Input("総務課の担当者が書いた実績。");
        await page.InvokeAsync(() => page.FindAll("input[type=radio]")[0].Click());
        await using (var reviewer = await HandlerScope.ForAsync(factory.Services, "reviewer"))
        {
            await reviewer.Get<EnterResultHandler>().SaveAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear,
                new PartInput(scenario.SomuId, "推進課が先に保存した実績。", "", "B", [], new EntryValues()), submit: false);
        }

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "下書き保存").Click());

        page.WaitForAssertion(() => Assert.Contains("ほかの人が同じ項目を先に変更しました", page.Markup, StringComparison.Ordinal), Wait);
        var conflict = page.Find(".dx-entry-conflict").TextContent;
        Assert.Contains("reviewerさん", conflict, StringComparison.Ordinal);
        Assert.Contains("推進課が先に保存した実績。", conflict, StringComparison.Ordinal);
        Assert.Contains("総務課の担当者が書いた実績。", conflict, StringComparison.Ordinal);
        Assert.Contains("総務課の担当者が書いた実績。", page.Find("#result").GetAttribute("value") ?? page.Find("#result").TextContent, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal("推進課が先に保存した実績。", (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single().ResultText);
    }
}
