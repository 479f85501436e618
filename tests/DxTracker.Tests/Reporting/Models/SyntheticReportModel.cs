using System.Globalization;
using DxTracker.Web.Domain;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Reporting.Models;

/// <summary>
/// Report models made up in memory: a plan of any size with texts of realistic length, several departments per
/// item now and then, KPIs with values for every year, ratings spread over the scale. Deterministic.
/// </summary>
public static class SyntheticReportModel
{
    public static readonly IReadOnlyList<ReportGrade> FourGrades =
    [
        new("S", string.Empty, "目標や計画を上回る達成状況であった。"),
        new("A", string.Empty, "目標や計画どおりの達成状況であった。"),
        new("B", string.Empty, "目標や計画を下回る達成状況であった。"),
        new("C", string.Empty, "目標や計画を大幅に下回る達成状況であった（又は未実施）。"),
    ];

    private const string Sentence = "行政手続のオンライン化を進め、市民の利便性の向上と業務の効率化を図るため、関係部署と連携して取り組んだ。";

    /// <param name="items">Items in all, spread over five policies.</param>
    /// <param name="kpisPerItem">KPIs of each item.</param>
    /// <param name="years">Plan years up to and including the report's year.</param>
    public static AnnualReportModel Create(int items, int kpisPerItem = 3, int years = 8)
    {
        var reportYear = new FiscalYear(2019 + years - 1);
        var startYear = new FiscalYear(2019);
        const int policyCount = 5;
        var policies = new List<ReportPolicy>();
        var kpis = new List<ReportKpi>();
        var number = 0;
        for (var p = 1; p <= policyCount; p++)
        {
            var count = (items / policyCount) + (p <= items % policyCount ? 1 : 0);
            var policyItems = new List<ReportItem>();
            for (var i = 0; i < count; i++)
            {
                number++;
                var n = number.ToString(CultureInfo.InvariantCulture);
                var title = $"取組項目{n}の推進（デジタル化による業務改善）";
                var departments = number % 4 == 0 ? new[] { "デジタル推進課（情報推進課）", "総務課" } : ["デジタル推進課（情報推進課）"];
                var itemKpis = Enumerable.Range(1, kpisPerItem).Select(k => $"指標{n}-{k.ToString(CultureInfo.InvariantCulture)}の件数").ToList();
                var planned = itemKpis.Select((name, k) => new ReportKpiLine(name, Value(number, k, reportYear.Year, planned: true))).ToList();
                var actual = itemKpis.Select((name, k) => new ReportKpiLine(name, Value(number, k, reportYear.Year, planned: false))).ToList();
                policyItems.Add(new ReportItem
                {
                    Number = n,
                    Title = title,
                    Content = $"(1) {Sentence}\n(2) {Sentence}\n(3) {Sentence}",
                    Goal = $"・{Sentence}\n・{Sentence}",
                    KpiTargets = planned,
                    Parts = departments.Select(d => new ReportItemPart(d, Repeat(3 + (number % 4)), Repeat(2))).ToList(),
                    KpiActuals = actual,
                    SelfRating = FourGrades[number % 4].Code,
                    Departments = departments,
                    IsApproved = true,
                });
                for (var k = 0; k < kpisPerItem; k++)
                {
                    kpis.Add(new ReportKpi
                    {
                        ItemNumber = n,
                        ItemTitle = title,
                        Name = itemKpis[k],
                        Unit = "件",
                        BaselineText = "1,000件",
                        BaselineYear = new FiscalYear(2018),
                        Values = Enumerable.Range(startYear.Year, years)
                            .Select(y => new ReportKpiValue(
                                new FiscalYear(y),
                                Value(number, k, y, planned: true),
                                Amount(number, k, y, planned: true),
                                Value(number, k, y, planned: false),
                                Amount(number, k, y, planned: false)))
                            .ToList(),
                    });
                }
            }

            policies.Add(new ReportPolicy(p, $"基本方針{p.ToString(CultureInfo.InvariantCulture)}の名称（市民サービスの向上と行政運営の効率化）", policyItems));
        }

        var earlier = Enumerable.Range(startYear.Year, years - 1)
            .Select(y => new ReportYearCounts(new FiscalYear(y), new Dictionary<string, int> { ["S"] = items / 8, ["A"] = items / 2, ["B"] = items / 4, ["C"] = items / 8 }))
            .ToList();

        return new AnnualReportModel
        {
            PlanName = "架空市DX推進計画",
            Subtitle = "～デジタルで便利なまち～",
            Municipality = "架空市",
            FiscalYear = reportYear,
            PlanStartYear = startYear,
            Grades = FourGrades,
            Conclusion = string.Join("\n", Enumerable.Repeat(Repeat(4), 3)),
            Policies = policies,
            Kpis = kpis,
            EarlierYears = earlier,
            IsFinal = true,
        };
    }

    private static string Repeat(int sentences) => string.Concat(Enumerable.Repeat(Sentence, sentences));

    private static decimal Amount(int item, int kpi, int year, bool planned) => 1000 + (item * 10) + (kpi * 100) + ((year - 2019) * (planned ? 120 : 110));

    private static string Value(int item, int kpi, int year, bool planned) =>
        Amount(item, kpi, year, planned).ToString("#,0", CultureInfo.InvariantCulture) + "件";
}
