using System.Diagnostics;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DxTracker.Tests.Data;

public sealed class PlanGeneratorTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_500_item_plan_has_the_promised_shape()
    {
        var watch = Stopwatch.StartNew();
        GeneratedPlan generated;
        await using (var db = database.CreateContext())
        {
            generated = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Municipality = "生成市" });
        }
        output.WriteLine($"500 items generated in {watch.ElapsedMilliseconds} ms");

        await using var check = database.CreateContext();
        var planId = generated.PlanId;
        var plan = await check.Plans.Include(p => p.Grades).Include(p => p.Policies).ThenInclude(p => p.Categories).Include(p => p.Years)
            .AsSplitQuery().SingleAsync(p => p.Id == planId);
        Assert.Equal("令和元年度～令和8年度", plan.PeriodLabel);
        Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
        Assert.Equal(6, plan.Policies.Count);
        Assert.Equal(2, plan.Policies.Count(p => p.Categories.Count > 0));
        Assert.Equal(
            [PlanYearState.Closed, PlanYearState.Closed, PlanYearState.Closed, PlanYearState.Closed, PlanYearState.Closed, PlanYearState.Closed, PlanYearState.InReview, PlanYearState.Open],
            plan.Years.OrderBy(y => y.FiscalYear).Select(y => y.State));

        Assert.Equal(500, await check.ActionItems.CountAsync(i => i.PlanId == planId));
        Assert.Equal(500, generated.ItemIds.Count);
        var departmentsPerItem = await check.ItemDepartments.Where(d => generated.ItemIds.Contains(d.ItemId))
            .GroupBy(d => d.ItemId).Select(g => new { Count = g.Count(), Leads = g.Count(d => d.Role == DepartmentRole.Lead) }).ToListAsync();
        Assert.Equal(500, departmentsPerItem.Count);
        Assert.All(departmentsPerItem, d => Assert.InRange(d.Count, 1, 3));
        Assert.All(departmentsPerItem, d => Assert.Equal(1, d.Leads));
        Assert.Contains(departmentsPerItem, d => d.Count == 3);
        Assert.InRange(await check.Departments.CountAsync(), 40, 45);
        Assert.True(await check.Set<DepartmentFormerName>().CountAsync() >= 3);
        Assert.True(await check.ActionItems.CountAsync(i => i.PlanId == planId && i.CategoryId != null) > 50);
        Assert.True(await check.ActionItems.CountAsync(i => i.PlanId == planId && i.Status != ItemStatus.Active) > 10);

        Assert.Equal(1500, await check.Kpis.CountAsync(k => generated.ItemIds.Contains(k.ItemId)));
        var values = check.KpiValues.Where(v => check.Kpis.Any(k => k.Id == v.KpiId && generated.ItemIds.Contains(k.ItemId)));
        Assert.True(await values.CountAsync() > 10000);
        Assert.True(await values.CountAsync(v => v.ActualNotMeasured) > 100);
        Assert.True(await values.CountAsync(v => v.ActualValue < 0 && EF.Functions.Like(v.ActualText, "▲%")) > 10);
        Assert.True(await check.Set<SchedulePhase>().CountAsync(s => generated.ItemIds.Contains(s.ItemId)) > 3000);

        var evaluations = check.Evaluations.Where(e => e.PlanId == planId);
        Assert.True(await evaluations.CountAsync() > 3500);
        Assert.All(await evaluations.Where(e => e.FiscalYear < 2025).Select(e => e.Status).Distinct().ToListAsync(), s => Assert.Equal(EvaluationStatus.Approved, s));
        var lastYear = await evaluations.Where(e => e.FiscalYear == 2026).Select(e => e.Status).Distinct().ToListAsync();
        Assert.Equal(5, lastYear.Count);
        Assert.True(await evaluations.CountAsync(e => e.FinalRating != null) > 50);
        Assert.True(await check.EvaluationParts.CountAsync(p => evaluations.Any(e => e.Id == p.EvaluationId)) > 4000);
        var ratings = await evaluations.Where(e => e.SelfRating != null).Select(e => e.SelfRating).Distinct().ToListAsync();
        Assert.Equal(["A", "B", "C", "S"], ratings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_plan_and_departments_are_shared()
    {
        await using var db = database.CreateContext();
        var first = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 20, Seed = 7, Municipality = "同一市" });
        var second = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 20, Seed = 7, Municipality = "同一町" });

        Assert.Equal(first.DepartmentIds, second.DepartmentIds);
        Assert.Equal(await Snapshot(db, first.PlanId), await Snapshot(db, second.PlanId));
    }

    private static async Task<List<string>> Snapshot(DxTracker.Web.Data.AppDbContext db, int planId) =>
        await db.ActionItems.Where(i => i.PlanId == planId).OrderBy(i => i.SortOrder)
            .Select(i => i.Number + i.Title + i.Status + string.Join(",", db.Evaluations.Where(e => e.ItemId == i.Id).OrderBy(e => e.FiscalYear).Select(e => e.Status + e.SelfRating)))
            .ToListAsync();
}
