using DxTracker.Tests.Infrastructure;
using DxTracker.Tests.Reporting;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Features.Reports;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Reports;

/// <summary>The published Tokushima results imported into a database and read back by the report query.</summary>
public sealed class AnnualReportQueryTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private int planId;

    public async Task InitializeAsync()
    {
        await using var db = database.CreateAuditedContext("importer");
        var result = await new PlanImporter(db, TimeProvider.System).ImportAsync(await File.ReadAllBytesAsync(TokushimaReportModel.JsonPath));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        planId = result.Summary!.PlanId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tokushima_workbook_from_the_database_matches_the_golden_cells()
    {
        await using var db = database.CreateContext();
        var model = await new AnnualReportQuery(db).LoadAsync(planId, 2020);

        using var book = new WorkbookCells(AnnualReportWorkbook.Build(model).ToArray());
        GoldenCells.AssertMatches(book, "tokushima-r2.cells.txt");
    }
}
