using Bunit;
using DxTracker.Tests.Components;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>
/// The interactive plan administration pages as a circuit runs them (bUnit, with the real handlers acting as the
/// administrator on a test database): messages at their fields, the unsaved-change guard, the delete dialog.
/// </summary>
public sealed class PlanAdminPageTests(DatabaseFixture database) : MudComponentTest, IClassFixture<DatabaseFixture>
{
    /// <summary>The machine running these tests may be busy: the default second is too short for a handler's round trip.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private async Task<(DxWebApplicationFactory Factory, PlanAdminSteps Admin)> AppAsync()
    {
        var factory = new DxWebApplicationFactory(database.ConnectionString);
        var admin = await PlanAdminSteps.ForAsync(factory);
        Services.AddFallbackServiceProvider(admin.Scope.Services);
        return (factory, admin);
    }

    [Fact]
    public async Task A_missing_name_and_an_unreadable_year_are_shown_at_their_fields_and_nothing_is_created()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            Render<MudPopoverProvider>();
            var page = Render<NewPlan>();
            page.Find("#plan-start").Input("れいわ");
            page.FindAll("button").Single(b => b.TextContent.Contains("計画を作成する", StringComparison.Ordinal)).Click();

            page.WaitForAssertion(() => Assert.Contains("計画名を入力してください。", page.Find("#plan-name-error").TextContent, StringComparison.Ordinal), Patience);
            Assert.Contains("自治体名を入力してください。", page.Find("#plan-municipality-error").TextContent, StringComparison.Ordinal);

            page.Find("#plan-name").Input("年度確認計画");
            page.Find("#plan-municipality").Input("津島市");
            page.Find("#plan-end").Input("R7");
            page.FindAll("button").Single(b => b.TextContent.Contains("計画を作成する", StringComparison.Ordinal)).Click();
            page.WaitForAssertion(() => Assert.StartsWith("年度「れいわ」を読み取れません。", page.Find("#plan-start-error").TextContent.Trim(), StringComparison.Ordinal), Patience);
            await using var db = database.CreateContext();
            Assert.False(await db.Plans.AnyAsync(p => p.Name == "年度確認計画"));
        }
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first_and_staying_keeps_the_text()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var dialogs = Render<MudDialogProvider>();
            var page = Render<NewPlan>();
            var navigation = Services.GetRequiredService<NavigationManager>();
            var start = navigation.Uri;
            page.Find("#plan-name").Input("書きかけの計画");

            // As a click on a link would: on the renderer's dispatcher, where the guard shows its dialog.
            _ = page.InvokeAsync(() => navigation.NavigateTo("/admin/plans"));
            dialogs.WaitForAssertion(() => Assert.Contains("保存していない変更があります", dialogs.Markup, StringComparison.Ordinal), Patience);
            dialogs.FindAll("button").Single(b => b.TextContent.Contains("このページに残る", StringComparison.Ordinal)).Click();

            page.WaitForAssertion(() => Assert.Equal(start, navigation.Uri), Patience);
            Assert.Equal("書きかけの計画", page.Find("#plan-name").GetAttribute("value"));
        }
    }

    [Fact]
    public async Task Deleting_a_policy_asks_in_a_dialog_and_cancelling_keeps_it()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var planId = await admin.CreatePlanAsync("削除確認計画", "2022", "2025");
            var policyId = await admin.AddPolicyAsync(planId, 1, "消される方針");
            var dialogs = Render<MudDialogProvider>();
            var page = Render<PlanPolicies>(p => p.Add(x => x.Id, planId));
            Func<AngleSharp.Dom.IElement> delete = () => page.FindAll("button").Single(b => b.TextContent.StartsWith("この取組方針を削除する", StringComparison.Ordinal));
            page.WaitForAssertion(() => delete());

            delete().Click();
            dialogs.WaitForAssertion(() => Assert.Contains("取組方針1「消される方針」と、その取組を削除します。元に戻せません。", dialogs.Markup, StringComparison.Ordinal));
            dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "キャンセル").Click();
            await using var db = database.CreateContext();
            Assert.True(await db.Policies.AnyAsync(p => p.Id == policyId));

            delete().Click();
            dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "削除する").Click());
            page.WaitForAssertion(() => Assert.DoesNotContain("消される方針", page.Markup, StringComparison.Ordinal));
            Assert.False(await db.Policies.AnyAsync(p => p.Id == policyId));
        }
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> page, string startsWith) where T : IComponent =>
        page.FindAll("button").Single(b => b.TextContent.Trim().StartsWith(startsWith, StringComparison.Ordinal));

    // On the renderer's dispatcher, so that a render between finding the element and the event (a field's
    // Immediate update is one) cannot leave the event with a handler that is gone.
    private static Task ClickAsync<T>(IRenderedComponent<T> page, string startsWith) where T : IComponent =>
        page.InvokeAsync(() => Button(page, startsWith).Click());

    private static Task TypeAsync<T>(IRenderedComponent<T> page, string selector, string text) where T : IComponent =>
        page.InvokeAsync(() => page.Find(selector).Input(text));

    [Fact]
    public async Task A_title_and_the_departments_changed_together_are_saved_together_by_the_one_save_button()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var planId = await admin.CreatePlanAsync("一括保存計画", "2022", "2025");
            var policyId = await admin.AddPolicyAsync(planId, 1, "方針");
            var itemId = await admin.AddItemAsync(planId, policyId, "1", "変更前の名称");
            int housing;
            await using (var db = database.CreateContext())
            {
                housing = await db.Departments.Where(d => d.Name == "住宅課").Select(d => d.Id).SingleAsync();
            }
            Render<MudPopoverProvider>();
            Render<MudDialogProvider>();
            var page = Render<EditItem>(p => p.Add(x => x.Id, planId).Add(x => x.ItemId, itemId));
            page.WaitForAssertion(() => page.Find("#item-title"), Patience);

            // One save for the content, the departments and the schedule (the status has its own, for its own change).
            Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "保存する");
            await TypeAsync(page, "#item-title", "変更後の名称");
            await page.InvokeAsync(() => page.Find($"#role-{housing}").Change("Lead"));
            await ClickAsync(page, "保存する");

            // The result is a snackbar (outside this page): wait for the save in the database instead.
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                await using var db = database.CreateContext();
                var item = await db.ActionItems.Include(i => i.Departments).SingleAsync(i => i.Id == itemId);
                if (item.Title == "変更後の名称" || DateTime.UtcNow > deadline)
                {
                    Assert.Equal("変更後の名称", item.Title);
                    Assert.Equal([(housing, DxTracker.Web.Domain.Plans.DepartmentRole.Lead)], item.Departments.Select(d => (d.DepartmentId, d.Role)));
                    break;
                }
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_scale_row_without_its_definition_is_refused_at_the_field_and_a_cancelled_template_keeps_the_scale()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var planId = await admin.CreatePlanAsync("区分画面計画", "2022", "2025");
            Render<MudPopoverProvider>();
            var dialogs = Render<MudDialogProvider>();
            var page = Render<PlanScale>(p => p.Add(x => x.Id, planId));
            page.WaitForAssertion(() => page.Find("#scale-5-code"), Patience);

            await TypeAsync(page, "#scale-5-code", "D");
            await ClickAsync(page, "評価区分を保存する");
            page.WaitForAssertion(() => Assert.Equal("5行目（D）の定義を入力してください。", page.Find("#scale-5-definition-error").TextContent.Trim()), Patience);
            Assert.Equal(["S", "A", "B", "C"], await CodesAsync(planId));

            await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.StartsWith("このひな形にする（", StringComparison.Ordinal)).Click());
            dialogs.WaitForAssertion(() => Assert.Contains("上の表で保存していない変更は失われます。", dialogs.Markup, StringComparison.Ordinal), Patience);
            await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "キャンセル").Click());
            dialogs.WaitForAssertion(() => Assert.DoesNotContain("上の表で保存していない変更は失われます。", dialogs.Markup, StringComparison.Ordinal), Patience);
            Assert.Equal(["S", "A", "B", "C"], await CodesAsync(planId));
            Assert.Equal("D", page.Find("#scale-5-code").GetAttribute("value"));

            await TypeAsync(page, "#scale-5-definition", "大幅に下回った。");
            await ClickAsync(page, "評価区分を保存する");
            page.WaitForAssertion(() => Assert.Contains("評価区分を保存しました。", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)), Patience);
            Assert.Empty(page.FindAll("#scale-5-definition-error"));
            Assert.Equal(["S", "A", "B", "C", "D"], await CodesAsync(planId));
        }
    }

    private async Task<List<string>> CodesAsync(int planId)
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        return plan.Grades.OrderBy(g => g.Kind).ThenBy(g => g.SortOrder).Select(g => g.Code).ToList();
    }

    [Fact]
    public async Task KPI_messages_are_shown_at_their_fields_and_cancelled_deletes_and_replacements_keep_the_KPI()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var planId = await admin.CreatePlanAsync("指標画面計画", "2022", "2025");
            var policyId = await admin.AddPolicyAsync(planId, 1, "方針");
            var itemId = await admin.AddItemAsync(planId, policyId, "1", "オンライン申請");
            var kpiId = await admin.Kpis.AddAsync(planId, itemId, new KpiDetails("申請件数", "件", DxTracker.Web.Domain.Kpis.KpiDirection.HigherIsBetter, "", null), null);
            Render<MudPopoverProvider>();
            var dialogs = Render<MudDialogProvider>();
            var page = Render<ItemKpis>(p => p.Add(x => x.Id, planId).Add(x => x.ItemId, itemId));
            var cell = $"#{KpiPage.CellName(kpiId, 2023)}";
            page.WaitForAssertion(() => page.Find(cell), Patience);
            Assert.Equal("申請件数 令和5年度の予定値", page.Find(cell).GetAttribute("aria-label"));

            await ClickAsync(page, "追加する");
            page.WaitForAssertion(() => Assert.Equal("指標名を入力してください。", page.Find("#new-kpi-name-error").TextContent.Trim()), Patience);

            await TypeAsync(page, cell, "たくさん");
            await ClickAsync(page, "予定値を保存する");
            page.WaitForAssertion(() => Assert.StartsWith("令和5年度: 「たくさん」は数値として読み取れません。", page.Find($"{cell}-error").TextContent.Trim(), StringComparison.Ordinal), Patience);
            Assert.Contains("予定値に1件の問題があります。", page.Markup, StringComparison.Ordinal);

            await ClickAsync(page, "削除する");
            dialogs.WaitForAssertion(() => Assert.Contains("評価指標「申請件数」と、その予定値を削除します。元に戻せません。", dialogs.Markup, StringComparison.Ordinal), Patience);
            await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "キャンセル").Click());
            dialogs.WaitForAssertion(() => Assert.DoesNotContain("その予定値を削除します", dialogs.Markup, StringComparison.Ordinal), Patience);

            await TypeAsync(page, $"#replace-{kpiId}-from", "令和6年度");
            await TypeAsync(page, $"#replace-{kpiId}-name", "電子申請率");
            await ClickAsync(page, "置き換える");
            dialogs.WaitForAssertion(() => Assert.Contains("令和6年度から、評価指標「申請件数」を「電子申請率」に置き換えます。令和5年度までは", dialogs.Markup, StringComparison.Ordinal), Patience);
            await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "キャンセル").Click());
            dialogs.WaitForAssertion(() => Assert.DoesNotContain("置き換えは元に戻せません", dialogs.Markup, StringComparison.Ordinal), Patience);

            await using var db = database.CreateContext();
            var kpi = await db.Kpis.SingleAsync(k => k.ItemId == itemId);
            Assert.Equal((kpiId, "申請件数", (int?)null), (kpi.Id, kpi.Name, kpi.ReplacedByKpiId));
            Assert.False(await db.KpiValues.AnyAsync(v => v.KpiId == kpiId));
            Assert.Equal("電子申請率", page.Find($"#replace-{kpiId}-name").GetAttribute("value"));
            Assert.Equal("たくさん", page.Find(cell).GetAttribute("value"));
        }
    }

    [Fact]
    public async Task A_successor_without_a_name_or_with_a_taken_one_is_refused_at_the_field_and_staying_keeps_the_text()
    {
        var (factory, admin) = await AppAsync();
        await using (factory)
        await using (admin)
        {
            var planId = await admin.CreatePlanAsync("後継元計画", "2022", "2025");
            var dialogs = Render<MudDialogProvider>();
            var page = Render<PlanSuccessor>(p => p.Add(x => x.Id, planId));
            page.WaitForAssertion(() => Assert.Equal("令和8年度", page.Find("#successor-start").GetAttribute("value")), Patience);

            await TypeAsync(page, "#successor-end", "R11");
            await ClickAsync(page, "後継計画を作成する");
            page.WaitForAssertion(() => Assert.Equal("新しい計画の名称を入力してください。", page.Find("#successor-name-error").TextContent.Trim()), Patience);

            await TypeAsync(page, "#successor-name", "後継元計画");
            await ClickAsync(page, "後継計画を作成する");
            page.WaitForAssertion(() => Assert.Equal("津島市の計画「後継元計画」は既にあります。別の名前にしてください。", page.Find("#successor-name-error").TextContent.Trim()), Patience);
            await using (var db = database.CreateContext())
            {
                Assert.False(await db.Plans.AnyAsync(p => p.PredecessorPlanId == planId));
            }

            await TypeAsync(page, "#successor-name", "後継の計画");
            var navigation = Services.GetRequiredService<NavigationManager>();
            var start = navigation.Uri;
            _ = page.InvokeAsync(() => navigation.NavigateTo("/admin/plans"));
            dialogs.WaitForAssertion(() => Assert.Contains("保存していない変更があります", dialogs.Markup, StringComparison.Ordinal), Patience);
            dialogs.FindAll("button").Single(b => b.TextContent.Contains("このページに残る", StringComparison.Ordinal)).Click();
            page.WaitForAssertion(() => Assert.Equal(start, navigation.Uri), Patience);
            Assert.Equal("後継の計画", page.Find("#successor-name").GetAttribute("value"));
        }
    }
}
