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
}
