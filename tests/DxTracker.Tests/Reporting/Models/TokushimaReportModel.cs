using System.Text.Json;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Reporting.Models;

/// <summary>
/// The report model of the published Tokushima report (令和2年度), built from the structured copy in the repository
/// (<c>src/DxTracker.Web/DemoData/tokushima-r2-results.json</c>), as the database query fills it after import
/// (<c>AnnualReportQueryTests</c> checks that both give the same workbook): each department's part of a shared
/// text, split where the published text names the department as the importer splits it, printed as published
/// (<see cref="ReportItem.TextsAsPublished"/>); KPI lines under the indicator's name; departments in the report's
/// form 「デジタル推進課（情報推進課）」; every evaluation approved; the year closed.
/// </summary>
public static class TokushimaReportModel
{
    public static string JsonPath => Path.Combine(RepoRoot(), "src", "DxTracker.Web", "DemoData", "tokushima-r2-results.json");

    public static JsonDocument LoadJson() => JsonDocument.Parse(File.ReadAllBytes(JsonPath));

    public static AnnualReportModel Load()
    {
        using var json = LoadJson();
        var root = json.RootElement;
        var plan = root.GetProperty("plan");
        var year = new FiscalYear(root.GetProperty("fiscalYear").GetInt32());

        var policies = new List<ReportPolicy>();
        var kpis = new List<ReportKpi>();
        foreach (var policy in root.GetProperty("policies").EnumerateArray())
        {
            var items = new List<ReportItem>();
            foreach (var item in policy.GetProperty("items").EnumerateArray())
            {
                var number = item.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var title = item.GetProperty("title").GetString()!;
                var names = item.GetProperty("departments").EnumerateArray()
                    .Select(d => (Name: d.GetProperty("name").GetString()!, Former: d.GetProperty("formerName").ValueKind == JsonValueKind.String ? d.GetProperty("formerName").GetString() : null))
                    .ToList();
                var departments = names.Select(d => d.Former is null ? d.Name : $"{d.Name}（{d.Former}）").ToList();
                IReadOnlyList<IReadOnlyCollection<string>> suffixNames = names.Select(d => (IReadOnlyCollection<string>)(d.Former is null ? [d.Name] : [d.Name, d.Former])).ToList();
                var results = SharedTextSplitter.Split(Text(item, "result"), suffixNames);
                var improvements = SharedTextSplitter.Split(Text(item, "improvement"), suffixNames);
                var targets = new List<ReportKpiLine>();
                var actuals = new List<ReportKpiLine>();
                foreach (var kpi in item.GetProperty("kpis").EnumerateArray())
                {
                    var name = kpi.GetProperty("name").GetString()!;
                    var target = kpi.GetProperty("target");
                    var actual = kpi.GetProperty("actual");
                    // The result may print the indicator under another name (nameAsWritten: GIGAタブレット端末).
                    targets.Add(new ReportKpiLine(NameAsWritten(target) ?? name, target.GetProperty("raw").GetString()!));
                    actuals.Add(new ReportKpiLine(NameAsWritten(actual) ?? name, actual.GetProperty("raw").GetString()!));
                    kpis.Add(new ReportKpi
                    {
                        ItemNumber = number,
                        ItemTitle = title,
                        Name = name,
                        Unit = target.GetProperty("unit").GetString()!,
                        Values = [new ReportKpiValue(year, target.GetProperty("raw").GetString()!, target.GetProperty("value").GetDecimal(), actual.GetProperty("raw").GetString()!, actual.GetProperty("value").GetDecimal())],
                    });
                }

                items.Add(new ReportItem
                {
                    Number = number,
                    Title = title,
                    Content = Text(item, "content"),
                    Goal = Text(item, "goal"),
                    KpiTargets = targets,
                    Parts = departments.Select((d, i) => new ReportItemPart(d, results[i], improvements[i])).ToList(),
                    TextsAsPublished = true,
                    KpiActuals = actuals,
                    SelfRating = item.GetProperty("rating").GetString(),
                    Departments = departments,
                    IsApproved = true,
                });
            }

            policies.Add(new ReportPolicy(policy.GetProperty("number").GetInt32(), policy.GetProperty("title").GetString()!, items));
        }

        return new AnnualReportModel
        {
            PlanName = plan.GetProperty("name").GetString()!,
            Subtitle = plan.GetProperty("subtitle").GetString()!,
            Municipality = root.GetProperty("municipality").GetString()!,
            FiscalYear = year,
            PlanStartYear = new FiscalYear(plan.GetProperty("periodStartFiscalYear").GetInt32()),
            Rounding = PercentageRounding.HalfUpEach,
            Grades = root.GetProperty("ratingScale").EnumerateArray()
                .Select(g => new ReportGrade(g.GetProperty("code").GetString()!, string.Empty, g.GetProperty("definition").GetString()!))
                .ToList(),
            Conclusion = string.Join("\n", root.GetProperty("summary").GetProperty("conclusion").EnumerateArray().Select(p => p.GetString())),
            Policies = policies,
            Kpis = kpis,
            IsFinal = true,
        };
    }

    /// <summary>The repository root: the folder above the test binaries that holds DxTracker.sln.</summary>
    public static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DxTracker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DxTracker.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string? NameAsWritten(JsonElement value) =>
        value.TryGetProperty("nameAsWritten", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
