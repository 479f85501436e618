using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Import;

namespace DxTracker.Tests.Import;

/// <summary>Issue 12, big imports: the importer says where it is, so the page can show a progress bar and the command line its steps.</summary>
public sealed class ImportProgressTests
{
    [Fact]
    public async Task An_import_reports_reading_loading_every_hundred_items_and_saving_in_that_order()
    {
        await using var database = await FreshDatabase.CreateAsync();
        using var file = new MemoryStream();
        var generated = PlanFileGenerator.Write(file, items: 250);
        var steps = new List<ImportProgress>();

        await using (var db = TestDatabase.CreateAuditedContext(database.ConnectionString, "importer"))
        {
            var result = await new PlanImporter(db, TimeProvider.System).ImportAsync(file.ToArray(), new Recorder(steps));
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }

        Assert.Equal(250, generated.Items);
        Assert.Equal(
            ["ファイルを読み取り、確認しています", "登録済みの計画を読み込んでいます",
             "項目を反映しています（0 / 250 件）", "項目を反映しています（100 / 250 件）", "項目を反映しています（200 / 250 件）", "項目を反映しています（250 / 250 件）",
             "データベースに保存しています"],
            steps.Select(s => s.Text));
        // The bar only moves forward.
        Assert.Equal(steps.Select(s => s.Percent).Order(), steps.Select(s => s.Percent));
        Assert.Equal(80, steps[^1].Percent);
    }

    [Fact]
    public async Task A_file_with_problems_stops_after_reading()
    {
        var steps = new List<ImportProgress>();
        await using var database = await FreshDatabase.CreateAsync();
        await using var db = TestDatabase.CreateAuditedContext(database.ConnectionString, "importer");

        var result = await new PlanImporter(db, TimeProvider.System).PreviewAsync(ImportTestData.Bytes("{\"municipality\": 1}"), new Recorder(steps));

        Assert.False(result.Succeeded);
        Assert.Equal([ImportStep.Reading], steps.Select(s => s.Step));
    }

    /// <summary>Records each report as it is made (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class Recorder(List<ImportProgress> steps) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => steps.Add(value);
    }
}
