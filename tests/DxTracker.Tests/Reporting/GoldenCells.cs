using DxTracker.Tests.Reporting.Models;

namespace DxTracker.Tests.Reporting;

/// <summary>
/// Every cell of a workbook against a reviewed file in <c>Reporting/Golden/</c>, one line per cell. After an intended
/// change, run the tests with UPDATE_GOLDEN=1, read the new file, and commit it.
/// </summary>
public static class GoldenCells
{
    public static string PathOf(string name) => Path.Combine(TokushimaReportModel.RepoRoot(), "tests", "DxTracker.Tests", "Reporting", "Golden", name);

    public static void AssertMatches(WorkbookCells book, string name)
    {
        var actual = book.Cells.Select(c => c.ToLine()).ToList();
        var path = PathOf(name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, string.Join("\n", actual) + "\n");
        }

        var expected = File.ReadAllText(path).TrimEnd('\n').Split('\n');
        var differences = expected.Zip(actual).Select((pair, i) => (Line: i + 1, pair.First, pair.Second)).Where(d => d.First != d.Second).Take(5).ToList();
        var message = string.Join("\n", differences.Select(d => $"line {d.Line}:\n  expected {d.First}\n  actual   {d.Second}"));
        Assert.True(differences.Count == 0 && expected.Length == actual.Count, $"{expected.Length} golden cells, {actual.Count} written.\n{message}");
    }
}
