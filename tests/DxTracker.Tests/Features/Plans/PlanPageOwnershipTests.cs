using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Plans;

namespace DxTracker.Tests.Features.Plans;

/// <summary>The plan page's 担当部署: every lead department (主管) as a lead, the related ones (関係) apart.</summary>
public sealed class PlanPageOwnershipTests(DatabaseFixture database) : WorkflowTest(database)
{
    [Fact]
    public async Task A_second_lead_department_is_a_lead_not_a_related_one()
    {
        var (twoLeads, _) = await Scenario.AddTwoLeadsItemAsync(Database.ConnectionString);
        await using var s = await HandlerScope.ForAsync(Factory.Services, "viewer");

        var rows = (await s.Get<PlanPageQuery>().LoadAsync(Scenario.PlanId, "2021", PlanPageFilter.None, 1))!.Data!.Rows;

        var led = rows.Single(r => r.Id == twoLeads);
        Assert.Equal(["総務課", "デジタル推進課"], led.LeadDepartments);
        Assert.Empty(led.RelatedDepartments);
        var shared = rows.Single(r => r.Id == Scenario.SharedItemId);
        Assert.Equal(["総務課"], shared.LeadDepartments);
        Assert.Equal(["デジタル推進課"], shared.RelatedDepartments);
    }
}
