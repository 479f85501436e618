using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DxTracker.Tests.Features.Plans;

/// <summary>Two generated plans, 10 and 500 items, and the app counting the SQL commands of each request.</summary>
public sealed class QueryCountFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    internal GeneratedPlan Small { get; private set; } = null!;

    internal GeneratedPlan Large { get; private set; } = null!;

    public QueryCountingFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        await using (var db = TestDatabase.CreateContext(ConnectionString))
        {
            Small = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 10, Municipality = "小規模市" });
            Large = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 500, Municipality = "大規模市" });
        }
        Factory = new QueryCountingFactory(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}

[Collection(GeneratedPlans.Name)]
public sealed class QueryCountTests(QueryCountFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("")]
    [InlineData("?year=2020")]
    [InlineData("?year=2026&status=Submitted&sort=dept")]
    [InlineData("?year=2025&grade=A&sort=grade")]
    public async Task The_plan_page_sends_as_many_queries_for_500_items_as_for_10(string query)
    {
        var client = await SignedInClientAsync();

        var small = await CountAsync(client, $"/plans/{fixture.Small.PlanId}{query}");
        var large = await CountAsync(client, $"/plans/{fixture.Large.PlanId}{query}");

        Assert.Equal(small, large);
        Assert.InRange(large, 1, 6);
    }

    [Fact]
    public async Task Filtering_by_department_does_not_add_queries()
    {
        var client = await SignedInClientAsync();
        var department = fixture.Large.DepartmentIds["デジタル推進課"];

        var all = await CountAsync(client, $"/plans/{fixture.Large.PlanId}");
        var filtered = await CountAsync(client, $"/plans/{fixture.Large.PlanId}?dept={department}");

        Assert.Equal(all, filtered);
    }

    [Fact]
    public async Task A_change_of_conditions_in_the_same_year_reads_only_the_counts_and_the_rows()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<PlanPageQuery>();
        var plan = fixture.Large.PlanId;
        var byDepartment = PlanPageFilter.None with { Department = fixture.Large.DepartmentIds["デジタル推進課"], Sort = "dept" };

        var shown = await query.LoadAsync(plan, "2025", PlanPageFilter.None, 1);
        fixture.Factory.Counter.Reset();
        var changed = await query.LoadAsync(plan, "2025", byDepartment, 2, shown);
        var changedQueries = fixture.Factory.Counter.Commands.Count;
        var fresh = await query.LoadAsync(plan, "2025", byDepartment, 2);
        fixture.Factory.Counter.Reset();
        var otherYear = await query.LoadAsync(plan, "2024", byDepartment, 1, changed);

        Assert.Equal(2, changedQueries);
        Assert.Equal(Lines(fresh!.Data!.Rows), Lines(changed!.Data!.Rows));
        Assert.NotEmpty(changed.Data.Rows);
        Assert.Equal(fresh.Data.ShownCount, changed.Data.ShownCount);
        Assert.Equal(2, changed.Data.Page);
        Assert.Equal(byDepartment, changed.Data.Filter);
        Assert.Same(shown!.Data!.Summary, changed.Data.Summary);
        Assert.Equal(2024, otherYear!.SelectedYear);
        Assert.True(fixture.Factory.Counter.Commands.Count > 2, "another year reads its summary and departments again");
    }

    private static IEnumerable<string> Lines(IEnumerable<ItemRow> rows) =>
        rows.Select(r => $"{r.Id} {r.Number} {r.Status} {r.SelfRating} {string.Join("、", r.LeadDepartments)} {string.Join("、", r.RelatedDepartments)}");

    [Fact]
    public async Task The_item_page_sends_as_many_queries_in_a_large_plan_as_in_a_small_one()
    {
        var client = await SignedInClientAsync();
        var smallItem = await BusiestItemAsync(fixture.Small);
        var largeItem = await BusiestItemAsync(fixture.Large);

        var small = await CountAsync(client, $"/plans/{fixture.Small.PlanId}/items/{smallItem}");
        var large = await CountAsync(client, $"/plans/{fixture.Large.PlanId}/items/{largeItem}");
        var quiet = await CountAsync(client, $"/plans/{fixture.Large.PlanId}/items/{fixture.Large.ItemIds[^1]}");

        Assert.Equal(small, large);
        Assert.Equal(large, quiet);
        // 7 for the item itself, plus the open years, the user's departments (for the entry and review links and
        // whether drafts may be read), the items merged into it, and the change history with the item's departments
        // (the same rule).
        Assert.InRange(large, 1, 12);
    }

    [Fact]
    public async Task The_plans_list_and_the_summary_API_do_not_grow_with_the_plans()
    {
        var client = await SignedInClientAsync();

        var list = await CountAsync(client, "/plans");
        var small = await CountAsync(client, $"/api/plans/{fixture.Small.PlanId}/years/2024/summary");
        var large = await CountAsync(client, $"/api/plans/{fixture.Large.PlanId}/years/2024/summary");

        Assert.Equal(1, list);
        Assert.Equal(small, large);
        Assert.InRange(large, 1, 3);
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = fixture.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, "viewer", DemoData.Password)).StatusCode);
        return client;
    }

    private async Task<int> CountAsync(HttpClient client, string url)
    {
        fixture.Factory.Counter.Reset();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = fixture.Factory.Counter.Commands;
        output.WriteLine($"{url}: {commands.Count} queries");
        foreach (var command in commands)
        {
            output.WriteLine("  " + command.ReplaceLineEndings(" ")[..Math.Min(160, command.Length)]);
        }
        return commands.Count;
    }

    /// <summary>The item with the most departments and evaluations, so that every collection on its page is filled.</summary>
    private async Task<int> BusiestItemAsync(GeneratedPlan plan)
    {
        await using var db = TestDatabase.CreateContext(fixture.ConnectionString);
        return await db.ActionItems.Where(i => i.PlanId == plan.PlanId && i.Status == ItemStatus.Active)
            .OrderByDescending(i => i.Departments.Count)
            .ThenByDescending(i => db.Evaluations.Count(e => e.ItemId == i.Id))
            .ThenBy(i => i.Id)
            .Select(i => i.Id)
            .FirstAsync();
    }
}
