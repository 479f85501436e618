using Bunit;
using DxTracker.Tests.Components;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>
/// The entry form of a related department (関係): it writes its own text; the self-rating and the KPI actuals are shown
/// as the lead department's (主管) and cannot be changed, and submitting does not ask for a rating.
/// </summary>
public sealed class RelatedDepartmentEntryPageTests(DatabaseFixture database) : MudComponentTest, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private DxWebApplicationFactory factory = null!;
    private HandlerScope reviewer = null!;
    private WorkflowScenario scenario = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
        reviewer = await HandlerScope.ForAsync(factory.Services, "reviewer");
        Services.AddSingleton(reviewer.Get<EnterResultHandler>());
        RenderProviders();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await reviewer.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task The_rating_is_the_lead_departments_and_the_related_part_is_submitted_without_one()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"{scenario.EntryUrl(scenario.SharedItemId)}?dept={scenario.DigitalId}");
        var page = Render<ResultEntryPage>(p => p
            .Add(x => x.PlanId, scenario.PlanId)
            .Add(x => x.ItemId, scenario.SharedItemId)
            .Add(x => x.Year, WorkflowScenario.FiscalYear));
        page.WaitForElement("#result", Wait);

        Assert.Contains("自己評価（主管課が入力）", page.Find("#rating-label").TextContent, StringComparison.Ordinal);
        Assert.Contains("自己評価と評価指標の実績値は主管課（総務課）が入力します。", page.Find("#rating-owner").TextContent, StringComparison.Ordinal);
        Assert.All(page.FindAll("input[type=radio]"), r => Assert.True(r.HasAttribute("disabled")));

        page.Find("#result").Input("関係課として協力した内容。");
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "提出する").Click());
        page.WaitForAssertion(() => Assert.Contains("提出しました。", page.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("自己評価を選んでください。", page.Markup, StringComparison.Ordinal);
    }
}
