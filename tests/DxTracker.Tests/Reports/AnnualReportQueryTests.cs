using System.Data.Common;
using DxTracker.Tests.Infrastructure;
using DxTracker.Tests.Reporting;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Features.Reports;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DxTracker.Tests.Reports;

/// <summary>A database holding the published Tokushima results, imported once for the test class as the app imports them.</summary>
public sealed class TokushimaDatabase : IAsyncLifetime
{
    private readonly DatabaseFixture database = new();

    public string ConnectionString => database.ConnectionString;

    public int PlanId { get; private set; }

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await using var db = database.CreateAuditedContext("importer");
        var result = await new PlanImporter(db, TimeProvider.System).ImportAsync(await File.ReadAllBytesAsync(TokushimaReportModel.JsonPath));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        PlanId = result.Summary!.PlanId;
    }

    public Task DisposeAsync() => database.DisposeAsync();

    /// <summary>A context whose SQL commands <paramref name="counter"/> counts.</summary>
    public AppDbContext CreateContext(CommandCounter? counter = null)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString, ServiceRegistration.ConfigureNpgsql);
        if (counter is not null)
        {
            options.AddInterceptors(counter);
        }

        return new AppDbContext(options.Options);
    }
}

/// <summary>Counts the SQL commands a context sends.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int count;

    public int Count => count;

    public void Reset() => count = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The report model read from the database: the published Tokushima results, the workflow scenario, and plans of any size.</summary>
public sealed class AnnualReportQueryTests(TokushimaDatabase database) : IClassFixture<TokushimaDatabase>
{
    [Fact]
    public async Task Tokushima_workbook_from_the_database_matches_the_golden_cells()
    {
        await using var db = database.CreateContext();
        var model = await new AnnualReportQuery(db).LoadAsync(database.PlanId, 2020);

        using var book = new WorkbookCells(AnnualReportWorkbook.Build(model).ToArray());
        GoldenCells.AssertMatches(book, "tokushima-r2.cells.txt");
    }

    [Fact]
    public async Task Tokushima_shared_texts_come_out_as_published_with_each_name_once()
    {
        await using var db = database.CreateContext();
        var model = await new AnnualReportQuery(db).LoadAsync(database.PlanId, 2020);
        var items = model.Policies.SelectMany(p => p.Items).ToDictionary(i => i.Number);

        Assert.Equal(27, items.Count);
        Assert.All(items.Values, i => Assert.True(i.IsApproved && i.TextsAsPublished));
        Assert.True(model.IsFinal);
        Assert.Equal(["デジタル推進課（情報推進課）", "住宅課"], items["2"].Departments);
        // Texts are attributed with the year's own name (never 「（デジタル推進課（情報推進課））」).
        Assert.Equal(["情報推進課", "住宅課"], items["2"].Parts.Select(p => p.Department));
        // Three departments, one of which wrote: its name stays as published, once.
        var result6 = AnnualReportText.Result(items["6"]);
        Assert.EndsWith("確約は得られていない。 (危機管理課)", result6, StringComparison.Ordinal);
        Assert.DoesNotContain("（危機管理課）", result6, StringComparison.Ordinal);
        // A shared text that names no department gets no name.
        Assert.DoesNotContain("（交通局）", AnnualReportText.Result(items["15"]), StringComparison.Ordinal);
        Assert.Equal(1, CountOf(AnnualReportText.Improvement(items["18"]), "(子ども施設課)"));
        Assert.Equal(3, CountOf(AnnualReportText.Result(items["25"]), "(情報推進課)"));
    }

    [Fact]
    public async Task A_later_year_names_departments_as_then_and_counts_the_earlier_years()
    {
        await using var db = database.CreateContext();
        var model = await new AnnualReportQuery(db).LoadAsync(database.PlanId, 2021);

        Assert.False(model.IsFinal);
        var first = model.Policies[0].Items[0];
        Assert.Equal(["デジタル推進課"], first.Departments);
        Assert.False(first.IsApproved);
        Assert.Empty(first.Parts.Single().Result);
        // The KPI sheet runs from the plan's start: FY2020's values are there, FY2021 has none yet.
        var kpi = model.Kpis.First(k => k.Name == "公開データセット数");
        Assert.Equal("83", kpi.ValueFor(new FiscalYear(2020))!.ActualText);
        Assert.Null(kpi.ValueFor(new FiscalYear(2021)));
        Assert.Empty(first.KpiTargets);
        var earlier = Assert.Single(model.EarlierYears);
        Assert.Equal(new FiscalYear(2020), earlier.Year);
        Assert.Equal(new Dictionary<string, int> { ["S"] = 3, ["A"] = 15, ["B"] = 9 }, earlier.Counts);
    }

    [Fact]
    public async Task In_a_year_not_closed_reviewers_get_every_item_with_unapproved_ones_marked_others_only_approved_results()
    {
        var scenario = await ReportScenario.CreateAsync(database.ConnectionString, PlanYearState.InReview);
        await using var db = database.CreateContext();
        var query = new AnnualReportQuery(db);

        var full = await query.LoadAsync(scenario.PlanId, ReportScenario.FiscalYear, ReportAudience.Reviewers);
        Assert.Equal(0, full.UnapprovedLeftOut);
        Assert.False(full.Model.IsFinal);
        Assert.Empty(full.Model.UnapprovedItems);
        var items = full.Model.Policies.Single().Items;
        Assert.Equal(["1", "2", "3", "4"], items.Select(i => i.Number));
        Assert.Equal([true, false, false, false], items.Select(i => i.IsApproved));
        Assert.Equal(ReportScenario.UnapprovedText, AnnualReportText.Result(items[3]));
        Assert.Equal("A\n【未確定】", AnnualReportText.Rating(items[3]));
        // The shared No.3 has a part for each of its departments though neither wrote.
        Assert.Equal(["総務課", "デジタル推進課"], items[2].Parts.Select(p => p.Department));

        var own = items[0];
        Assert.False(own.TextsAsPublished);
        Assert.Equal(ReportScenario.ApprovedText, AnnualReportText.Result(own).Split('\n')[0]);
        Assert.Equal(["【電子申請件数：12,000件】", "【オンライン申請率：50%】"], own.KpiTargets.Select(k => k.Bracketed));
        Assert.Equal(["【電子申請件数：12,900件】", "【オンライン申請率：未測定】"], own.KpiActuals.Select(k => k.Bracketed));
        var kpi = full.Model.Kpis.Single(k => k.Name == "電子申請件数");
        Assert.Equal(["2020 10,000件 9,800件", "2021 12,000件 12,900件"], kpi.Values.Select(v => $"{v.Year.Year} {v.PlannedText} {v.ActualText}"));
        Assert.Equal(new Dictionary<string, int> { ["B"] = 1 }, Assert.Single(full.Model.EarlierYears).Counts);

        var members = await query.LoadAsync(scenario.PlanId, ReportScenario.FiscalYear, ReportAudience.Members);
        Assert.Equal(3, members.UnapprovedLeftOut);
        Assert.Equal(["1"], members.Model.Policies.Single().Items.Select(i => i.Number));
        Assert.DoesNotContain(members.Model.Kpis, k => k.ItemNumber != "1");
        Assert.Single(members.Model.EarlierYears);

        // FY2020 is closed but not public: the public report does not count it.
        var anyone = await query.LoadAsync(scenario.PlanId, ReportScenario.FiscalYear, ReportAudience.Public);
        Assert.Empty(anyone.Model.EarlierYears);
        Assert.Equal(["1"], anyone.Model.Policies.Single().Items.Select(i => i.Number));
    }

    [Fact]
    public async Task A_closed_year_is_the_same_report_for_every_audience_with_the_unapproved_items_in_its_notes()
    {
        var scenario = await ReportScenario.CreateAsync(database.ConnectionString, PlanYearState.Closed);
        await using var db = database.CreateContext();
        var query = new AnnualReportQuery(db);

        foreach (var audience in Enum.GetValues<ReportAudience>())
        {
            var report = await query.LoadAsync(scenario.PlanId, ReportScenario.FiscalYear, audience);
            Assert.True(report.Model.IsFinal);
            Assert.Equal("全4項目のうち1項目が承認された。", report.Model.Conclusion);
            Assert.Equal(3, report.UnapprovedLeftOut);
            Assert.Equal(["1"], report.Model.Policies.Single().Items.Select(i => i.Number));
            Assert.Equal(["2", "3", "4"], report.Model.UnapprovedItems.Select(i => i.Number));
            Assert.DoesNotContain(report.Model.Kpis, k => k.ItemNumber != "1");
            Assert.StartsWith("※次の取組項目は承認されないまま年度を確定したため、結果に含めていません（未承認）：No.2 ", AnnualReportText.UnapprovedNote(report.Model), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_plans_and_years_outside_the_plan_are_not_found()
    {
        await using var db = database.CreateContext();
        var query = new AnnualReportQuery(db);

        await Assert.ThrowsAsync<NotFoundException>(() => query.LoadAsync(database.PlanId, 2027));
        await Assert.ThrowsAsync<NotFoundException>(() => query.LoadAsync(-1, 2020));
        Assert.Null(await query.FindYearAsync(database.PlanId, 2018));
        Assert.Null(await query.FindYearAsync(-1, 2020));
        var year = await query.FindYearAsync(database.PlanId, 2022);
        Assert.Equal((null, false), (year!.State, year.IsPublic));
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_plan()
    {
        var small = await SizedPlan.CreateAsync(database.ConnectionString, items: 3);
        var large = await SizedPlan.CreateAsync(database.ConnectionString, items: 60);
        var counter = new CommandCounter();

        var counts = new List<int>();
        foreach (var (planId, items) in new[] { (small, 3), (large, 60) })
        {
            foreach (var audience in Enum.GetValues<ReportAudience>())
            {
                await using var db = database.CreateContext(counter);
                counter.Reset();
                var report = await new AnnualReportQuery(db).LoadAsync(planId, SizedPlan.Year, audience);
                counts.Add(counter.Count);
                var expected = audience == ReportAudience.Reviewers ? items : (items + 1) / 2;
                Assert.Equal(expected, report.Model.Policies.Sum(p => p.Items.Count));
            }
        }

        Assert.Equal(counts[..3], counts[3..]);
        Assert.All(counts, c => Assert.InRange(c, 1, 12));

        // The large plan's content is all there: two departments' parts, named as that year, and both KPIs.
        await using var check = database.CreateContext();
        var model = await new AnnualReportQuery(check).LoadAsync(large, SizedPlan.Year);
        var item = model.Policies[1].Items[^1];
        Assert.Equal(2, item.Parts.Count);
        Assert.Equal("旧第一課", item.Parts[0].Department);
        Assert.Equal(2, item.KpiActuals.Count);
        Assert.Equal(120, model.Kpis.Count);
        Assert.Equal(60, Assert.Single(model.EarlierYears).Counts["A"]);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>A plan of a given size: items of two departments over two policies, two KPIs each, FY2020 approved and closed, FY2021 half approved.</summary>
internal static class SizedPlan
{
    public const int Year = 2021;

    public static async Task<int> CreateAsync(string connectionString, int items)
    {
        await using var db = TestDatabase.CreateContext(connectionString);
        var key = Guid.NewGuid().ToString("N")[..8];
        var first = new Department("F" + key, "第一課" + key, string.Empty, 1);
        first.AddFormerName("旧第一課", new FiscalYear(Year));
        var second = new Department("S" + key, "第二課" + key, string.Empty, 2);
        db.Departments.AddRange(first, second);

        var plan = new Plan("規模の試験計画", "試験市" + key, new FiscalYear(2019), new FiscalYear(2026));
        plan.AddGrade("S", string.Empty, "上回った。");
        plan.AddGrade("A", string.Empty, "計画どおり。");
        plan.AddGrade("B", string.Empty, "下回った。");
        plan.AddPolicy(new Policy(1, "方針一"));
        plan.AddPolicy(new Policy(2, "方針二"));
        var previous = plan.AddYear(new FiscalYear(Year - 1));
        plan.AddYear(new FiscalYear(Year)).OpenForEntry(new DateOnly(2022, 5, 31));
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var created = new List<ActionItem>();
        for (var n = 1; n <= items; n++)
        {
            var item = new ActionItem(plan.Id, plan.Policies[n * 2 > items ? 1 : 0].Id, n.ToString(System.Globalization.CultureInfo.InvariantCulture), "項目" + n, n);
            item.Describe("項目" + n, "内容", "目標", string.Empty, string.Empty, string.Empty);
            item.AssignDepartment(first.Id, DepartmentRole.Lead);
            item.AssignDepartment(second.Id, DepartmentRole.Related);
            for (var k = 1; k <= 2; k++)
            {
                var kpi = new Kpi($"指標{k}", "件", KpiDirection.HigherIsBetter, k);
                foreach (var year in new[] { Year - 1, Year })
                {
                    kpi.SetPlanned(new FiscalYear(year), KpiValueText.Parse("100件"));
                    kpi.SetActual(new FiscalYear(year), KpiValueText.Parse("90件"));
                }

                item.AddKpi(kpi);
            }

            db.ActionItems.Add(item);
            created.Add(item);
        }

        await db.SaveChangesAsync();
        var at = new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var item in created)
        {
            var last = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(Year - 1));
            last.PartFor(first.Id).Import("前年度の実績。", string.Empty);
            last.ImportApproved(plan, "A", null, null, at);
            var current = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(Year));
            current.PartFor(first.Id).Import("第一課の実績。", "課題。");
            current.PartFor(second.Id).Import("第二課の実績。", string.Empty);
            if (int.Parse(item.Number, System.Globalization.CultureInfo.InvariantCulture) % 2 == 1)
            {
                current.ImportApproved(plan, "A", "B", "指標が未達のため。", at);
            }
            else
            {
                current.ImportInProgress(plan, EvaluationStatus.Submitted, "A", null, at);
            }

            db.Evaluations.AddRange(last, current);
        }

        await db.SaveChangesAsync();
        previous.Close();
        await db.SaveChangesAsync();
        return plan.Id;
    }
}
