using System.Globalization;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Admin.Plans;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>
/// An administrator acting through the plan administration handlers, as the interactive pages do (one DI scope like
/// one circuit), with the steps the tests share; and a signed-in HTTP client for what a page shows when it is opened.
/// </summary>
public sealed class PlanAdminSteps : IAsyncDisposable
{
    private PlanAdminSteps(HandlerScope scope, HttpClient http)
    {
        Scope = scope;
        Http = http;
    }

    public HandlerScope Scope { get; }

    /// <summary>An administrator's browser-like client, for the HTML of the (prerendered) pages.</summary>
    public HttpClient Http { get; }

    public PlanAdministration Plans => Scope.Get<PlanAdministration>();

    public ItemAdministration Items => Scope.Get<ItemAdministration>();

    public KpiAdministration Kpis => Scope.Get<KpiAdministration>();

    public ScaleAdministration Scales => Scope.Get<ScaleAdministration>();

    public PlanSuccession Succession => Scope.Get<PlanSuccession>();

    public static async Task<PlanAdminSteps> ForAsync(DxWebApplicationFactory factory, string userName = "admin")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var scope = await HandlerScope.ForAsync(factory.Services, userName);
        var http = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(http, userName, DemoData.Password);
        return new PlanAdminSteps(scope, http);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates a plan as the new-plan form does (years as typed); returns its id.</summary>
    public Task<int> CreatePlanAsync(string name, string start, string end, string municipality = "津島市", string scale = "sabc")
    {
        var input = new PlanSettingsInput { Name = name, Municipality = municipality, StartYear = start, EndYear = end, ScaleKey = scale };
        return Plans.CreateAsync(input.ToSettings(), DxTracker.Web.Domain.Plans.ScaleLibrary.Find(input.ScaleKey));
    }

    public Task<int> AddPolicyAsync(int planId, int number, string title) => Plans.AddPolicyAsync(planId, number, title);

    /// <summary>Adds an item as the new-item form does; returns its id.</summary>
    public Task<int> AddItemAsync(int planId, int policyId, string number, string title, string content = "", string goal = "") =>
        Items.CreateAsync(planId, new ItemInput { PolicyId = policyId, Number = number, Title = title, Content = content, Goal = goal }.ToDetails(null));

    /// <summary>Sets planned values by (year, text), as the KPI grid does.</summary>
    public Task<IReadOnlyDictionary<string, string>> SetPlannedAsync(int planId, int itemId, int kpiId, params (int Year, string Planned)[] planned) =>
        Kpis.SavePlannedAsync(planId, itemId, planned.ToDictionary(p => KpiPage.CellName(kpiId, p.Year), p => p.Planned));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Scope.DisposeAsync();
    }
}
