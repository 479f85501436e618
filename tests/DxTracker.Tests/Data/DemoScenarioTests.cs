using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Data;

/// <summary>The demo the run command shows: something to do for every role, a published year, a deadline ahead.</summary>
public sealed class DemoScenarioTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString) { DemoScenario = true };
        factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_published_year_can_be_read_without_signing_in()
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.SingleAsync(p => p.Name == DemoData.PlanName);
        var year = await db.PlanYears.SingleAsync(y => y.PlanId == plan.Id && y.FiscalYear == DemoData.PublishedYear);
        Assert.True(year.IsPublic);
        Assert.Equal(PlanYearState.Closed, year.State);

        var anonymous = factory.CreateBrowserLikeClient();
        var report = await anonymous.GetAsync($"/plans/{plan.Id}/years/{DemoData.PublishedYear}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }

    [Fact]
    public async Task The_open_year_closes_three_weeks_after_the_demo_was_created()
    {
        await using var db = database.CreateContext();
        var year = await db.PlanYears.SingleAsync(y => y.FiscalYear == DemoData.OpenYear);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        Assert.Equal(PlanYearState.Open, year.State);
        Assert.InRange(year.EntryDeadline!.Value.DayNumber - today.DayNumber, 20, 21);
    }

    [Fact]
    public async Task The_open_year_holds_every_state_and_a_shared_item_with_one_part_submitted()
    {
        await using var db = database.CreateContext();
        var evaluations = await db.Evaluations.AsNoTracking().Include(e => e.Parts)
            .Where(e => e.FiscalYear == DemoData.OpenYear).ToListAsync();
        var states = evaluations.Select(e => e.Status).ToHashSet();
        Assert.Superset(new HashSet<EvaluationStatus> { EvaluationStatus.Draft, EvaluationStatus.Submitted, EvaluationStatus.Returned, EvaluationStatus.Approved }, states);
        Assert.Contains(evaluations, e => e.FinalRating is not null && e.FinalRating != e.SelfRating);
        var items = await db.ActionItems.AsNoTracking().Include(i => i.Departments).ToDictionaryAsync(i => i.Id);
        Assert.Contains(evaluations, e => items[e.ItemId].Departments.Count > 1 && e.Status == EvaluationStatus.Draft && e.Parts.Count(p => p.IsSubmitted) == 1);
        // The demo editor (総務課) has a draft to finish and a returned part to answer.
        var somu = await db.Departments.SingleAsync(d => d.Name == "総務課");
        var editors = evaluations.Where(e => items[e.ItemId].Departments.Any(d => d.DepartmentId == somu.Id)).Select(e => e.Status).ToList();
        Assert.Contains(EvaluationStatus.Draft, editors);
        Assert.Contains(EvaluationStatus.Returned, editors);
    }
}
