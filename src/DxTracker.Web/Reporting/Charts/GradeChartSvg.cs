using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DxTracker.Web.Reporting.Charts;

/// <summary>The numbers of a chart as a table, for those who cannot see the chart.</summary>
public sealed record ChartTable(string Caption, IReadOnlyList<string> ColumnHeaders, IReadOnlyList<ChartTableRow> Rows);

/// <summary>One row of a <see cref="ChartTable"/>: its header cell and the other cells.</summary>
public sealed record ChartTableRow(string Header, IReadOnlyList<string> Cells);

/// <summary>
/// A chart drawn on the server: inline SVG (<c>role="img"</c>, named by its <c>&lt;title&gt;</c> and described by its
/// <c>&lt;desc&gt;</c>, which gives every number in Japanese), and the same numbers as a table.
/// </summary>
public sealed record ReportChart(string Id, string Title, string Description, string Svg, ChartTable Table);

/// <summary>
/// The rating charts of the annual report as SVG markup built on the server: no script, no <c>style</c>
/// attributes (the CSP forbids inline styles), presentation attributes only. Texts are escaped by
/// <see cref="XElement"/>, so plan and policy names cannot inject markup.
/// </summary>
public static partial class GradeChartSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const int Width = 720;
    private const double FontSize = 14;

    /// <summary>
    /// The three charts of the report: the year's distribution, per policy, and all years of the plan.
    /// <paramref name="idPrefix"/> starts every id in the markup and must be unique on the page (a letter, then
    /// letters, digits, <c>-</c>, <c>_</c>).
    /// </summary>
    public static IReadOnlyList<ReportChart> All(AnnualReportModel model, AnnualReportFigures figures, string idPrefix) =>
    [
        YearDistribution(model, figures, idPrefix + "-year"),
        PolicyStacks(model, figures, idPrefix + "-policies"),
        YearStacks(model, figures, idPrefix + "-years"),
    ];

    /// <summary>(a) Horizontal bars: how many items got each grade (and outcome mark) this year, with their shares.</summary>
    public static ReportChart YearDistribution(AnnualReportModel model, AnnualReportFigures figures, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(figures);
        CheckId(id);

        var series = Series(model);
        var counts = figures.Summary.Grades.Select(g => g.Count).Concat(figures.MarkCounts).ToList();
        var shares = figures.Summary.Grades.Select(g => (int?)g.Percentage).Concat(figures.MarkCounts.Select(_ => (int?)null)).ToList();
        var title = $"{model.FiscalYear.Label}の自己評価の分布";
        var parts = series.Select((s, i) => $"{s.Name} {Count(counts[i])}" + (shares[i] is { } share ? $"（{Percent(share)}）" : string.Empty));
        var description = $"{title}（{model.ItemLabel}{Count(figures.Summary.Total)}）：{string.Join("、", parts)}。";
        if (figures.Unrated > 0)
        {
            description += $"未評価 {Count(figures.Unrated)}。";
        }

        const double labelWidth = 150, barLeft = 160, barWidth = 400, rowHeight = 40, barHeight = 24, top = 10;
        var height = top + (series.Count * rowHeight) + 10;
        var root = Root(id, title, description, height);
        Defs(root, id, series);
        var max = Math.Max(1, counts.Count == 0 ? 1 : counts.Max());
        for (var i = 0; i < series.Count; i++)
        {
            var y = top + (i * rowHeight);
            var length = barWidth * counts[i] / max;
            root.Add(Text(labelWidth, y + (barHeight / 2), series[i].Name, "end"));
            if (counts[i] > 0)
            {
                root.Add(Bar(barLeft, y, Math.Max(length, 2), barHeight, id, i, series[i].Color));
            }

            var value = Count(counts[i]) + (shares[i] is { } share ? $"（{Percent(share)}）" : string.Empty);
            root.Add(Text(barLeft + length + 8, y + (barHeight / 2), value, "start"));
        }

        root.Add(AxisLine(barLeft, top - 4, barLeft, top + (series.Count * rowHeight) - 8));

        var rows = series.Select((s, i) => new ChartTableRow(s.Name, [Count(counts[i]), shares[i] is { } share ? Percent(share) : "－"])).ToList();
        var table = new ChartTable(title, [model.Grades.Count > 0 ? "自己評価" : "区分", "件数", "割合"], rows);
        return new ReportChart(id, title, description, Serialize(root), table);
    }

    /// <summary>(b) Stacked horizontal bars per policy: how many of its items got each grade and outcome mark.</summary>
    public static ReportChart PolicyStacks(AnnualReportModel model, AnnualReportFigures figures, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(figures);
        CheckId(id);

        var series = Series(model);
        var title = $"{model.PolicyLabel}別の自己評価（{model.FiscalYear.Label}）";
        var policyCounts = figures.Policies.Select(p => p.GradeCounts.Concat(p.MarkCounts).ToList()).ToList();
        var description = $"{title}：" + string.Join(
            "；",
            figures.Policies.Select((p, i) => $"{ShortPolicy(model, p.Policy)} " + string.Join("、", series.Select((s, k) => $"{s.Name} {Count(policyCounts[i][k])}")))) + "。";

        const double labelWidth = 110, barLeft = 120, barWidth = 520, rowHeight = 40, barHeight = 24;
        var top = LegendHeight + 10;
        var height = top + (figures.Policies.Count * rowHeight) + 10;
        var root = Root(id, title, description, height);
        Defs(root, id, series);
        Legend(root, id, series);
        var max = Math.Max(1, policyCounts.Select(c => c.Sum()).DefaultIfEmpty(0).Max());
        for (var p = 0; p < figures.Policies.Count; p++)
        {
            var y = top + (p * rowHeight);
            root.Add(Text(labelWidth, y + (barHeight / 2), ShortPolicy(model, figures.Policies[p].Policy), "end"));
            var x = barLeft;
            for (var k = 0; k < series.Count; k++)
            {
                var count = policyCounts[p][k];
                if (count == 0)
                {
                    continue;
                }

                var length = barWidth * count / max;
                root.Add(Bar(x, y, length, barHeight, id, k, series[k].Color));
                if (length >= 22)
                {
                    root.Add(Label(x + (length / 2), y + (barHeight / 2), series[k].Code));
                }

                x += length;
            }

            root.Add(Text(x + 8, y + (barHeight / 2), Count(policyCounts[p].Sum()), "start"));
        }

        root.Add(AxisLine(barLeft, top - 4, barLeft, top + (figures.Policies.Count * rowHeight) - 8));

        var rows = figures.Policies
            .Select((p, i) => new ChartTableRow(AnnualReportText.PolicyHeading(model, p.Policy), policyCounts[i].Select(Count).Append(Count(policyCounts[i].Sum())).ToList()))
            .ToList();
        var table = new ChartTable(title, [model.PolicyLabel, .. series.Select(s => s.Name), "合計"], rows);
        return new ReportChart(id, title, description, Serialize(root), table);
    }

    /// <summary>(c) Stacked columns per fiscal year of the plan up to the report's: the ratings of each year.</summary>
    public static ReportChart YearStacks(AnnualReportModel model, AnnualReportFigures figures, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(figures);
        CheckId(id);

        var series = Series(model);
        var years = figures.Years;
        var first = years[0].Year.Label;
        var title = years.Count > 1 ? $"年度別の自己評価（{first}～{model.FiscalYear.Label}）" : $"年度別の自己評価（{first}）";
        var yearCounts = years.Select(y => y.GradeCounts.Concat(y.MarkCounts).ToList()).ToList();
        var description = $"{title}：" + string.Join(
            "；",
            years.Select((y, i) => $"{y.Year.Label} " + string.Join("、", series.Select((s, k) => $"{s.Name} {Count(yearCounts[i][k])}")))) + "。";

        const double plotHeight = 220, columnWidth = 56, left = 20;
        var top = LegendHeight + 30;
        var bottom = top + plotHeight;
        var height = bottom + 36;
        var root = Root(id, title, description, height);
        Defs(root, id, series);
        Legend(root, id, series);
        var max = Math.Max(1, yearCounts.Select(c => c.Sum()).DefaultIfEmpty(0).Max());
        var step = Math.Min(88, (Width - left - 20) / Math.Max(1, years.Count));
        for (var i = 0; i < years.Count; i++)
        {
            var x = left + (i * step) + ((step - columnWidth) / 2);
            var y = bottom;
            for (var k = 0; k < series.Count; k++)
            {
                var count = yearCounts[i][k];
                if (count == 0)
                {
                    continue;
                }

                var length = plotHeight * count / max;
                y -= length;
                root.Add(Bar(x, y, columnWidth, length, id, k, series[k].Color));
                if (length >= 18)
                {
                    root.Add(Label(x + (columnWidth / 2), y + (length / 2), series[k].Code));
                }
            }

            root.Add(Text(x + (columnWidth / 2), y - 10, Count(yearCounts[i].Sum()), "middle"));
            root.Add(Text(x + (columnWidth / 2), bottom + 18, years[i].Year.ShortLabel, "middle"));
        }

        root.Add(AxisLine(left, bottom, left + (years.Count * step), bottom));

        var rows = years.Select((y, i) => new ChartTableRow(y.Year.Label, yearCounts[i].Select(Count).Append(Count(yearCounts[i].Sum())).ToList())).ToList();
        var table = new ChartTable(title, ["年度", .. series.Select(s => s.Name), "合計"], rows);
        return new ReportChart(id, title, description, Serialize(root), table);
    }

    // --- Drawing ------------------------------------------------------------------------------------------------

    private const double LegendHeight = 28;

    private sealed record SeriesInfo(string Code, string Name, string Color);

    private static List<SeriesInfo> Series(AnnualReportModel model)
    {
        var grades = model.Grades.Count;
        return model.Grades.Concat(model.OutcomeMarks)
            .Select((g, i) => new SeriesInfo(g.Code, AnnualReportText.GradeName(g), ChartPalette.ColorOf(i, grades)))
            .ToList();
    }

    private static XElement Root(string id, string title, string description, double height) =>
        new(
            Svg + "svg",
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("id", id),
            new XAttribute("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {height}")),
            new XAttribute("width", "100%"),
            new XAttribute("preserveAspectRatio", "xMinYMin meet"),
            new XAttribute("font-family", ChartPalette.FontFamily),
            new XAttribute("font-size", FontSize),
            new XElement(Svg + "title", new XAttribute("id", id + "-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", id + "-desc"), description));

    private static void Defs(XElement root, string id, List<SeriesInfo> series) =>
        root.Add(new XElement(Svg + "defs", series.Select((s, i) => ChartPalette.Pattern(Svg, PatternId(id, i), i, s.Color))));

    private static void Legend(XElement root, string id, List<SeriesInfo> series)
    {
        var legend = new XElement(Svg + "g", new XAttribute("aria-hidden", "true"));
        var x = 20.0;
        for (var i = 0; i < series.Count; i++)
        {
            legend.Add(
                new XElement(
                    Svg + "rect",
                    new XAttribute("x", x),
                    new XAttribute("y", 4),
                    new XAttribute("width", 18),
                    new XAttribute("height", 18),
                    new XAttribute("fill", $"url(#{PatternId(id, i)})"),
                    new XAttribute("stroke", series[i].Color)),
                Text(x + 24, 13, series[i].Name, "start"));
            x += 24 + (TextWidth(series[i].Name) * FontSize) + 20;
        }

        root.Add(legend);
    }

    private static XElement Bar(double x, double y, double width, double height, string id, int index, string color) =>
        new(
            Svg + "rect",
            new XAttribute("x", Round(x)),
            new XAttribute("y", Round(y)),
            new XAttribute("width", Round(width)),
            new XAttribute("height", Round(height)),
            new XAttribute("fill", $"url(#{PatternId(id, index)})"),
            new XAttribute("stroke", color),
            new XAttribute("stroke-width", 1));

    private static XElement Text(double x, double y, string text, string anchor) =>
        new(
            Svg + "text",
            new XAttribute("x", Round(x)),
            new XAttribute("y", Round(y)),
            new XAttribute("fill", ChartPalette.TextColor),
            new XAttribute("text-anchor", anchor),
            new XAttribute("dominant-baseline", "central"),
            text);

    /// <summary>The code on a bar segment: white, bold, on a dark backing so that it reads over the pattern.</summary>
    private static XElement Label(double x, double y, string code)
    {
        var width = Math.Max(16, (TextWidth(code) * FontSize) + 6);
        return new XElement(
            Svg + "g",
            new XAttribute("aria-hidden", "true"),
            new XElement(
                Svg + "rect",
                new XAttribute("x", Round(x - (width / 2))),
                new XAttribute("y", Round(y - 9)),
                new XAttribute("width", Round(width)),
                new XAttribute("height", 18),
                new XAttribute("rx", 3),
                new XAttribute("fill", ChartPalette.TextColor),
                new XAttribute("fill-opacity", 0.7)),
            new XElement(
                Svg + "text",
                new XAttribute("x", Round(x)),
                new XAttribute("y", Round(y)),
                new XAttribute("fill", "#ffffff"),
                new XAttribute("font-weight", "bold"),
                new XAttribute("text-anchor", "middle"),
                new XAttribute("dominant-baseline", "central"),
                code));
    }

    private static XElement AxisLine(double x1, double y1, double x2, double y2) =>
        new(
            Svg + "line",
            new XAttribute("x1", Round(x1)),
            new XAttribute("y1", Round(y1)),
            new XAttribute("x2", Round(x2)),
            new XAttribute("y2", Round(y2)),
            new XAttribute("stroke", ChartPalette.LineColor),
            new XAttribute("stroke-width", 1));

    private static string Serialize(XElement root) => root.ToString(SaveOptions.DisableFormatting);

    private static string PatternId(string id, int index) => string.Create(CultureInfo.InvariantCulture, $"{id}-fill{index}");

    private static string ShortPolicy(AnnualReportModel model, ReportPolicy policy) =>
        model.PolicyLabel + policy.Number.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString("#,0", CultureInfo.InvariantCulture) + "件";

    private static string Percent(int percent) => percent.ToString(CultureInfo.InvariantCulture) + "%";

    private static double Round(double value) => Math.Round(value, 1);

    /// <summary>Text width in ems: full-width characters one, others about half.</summary>
    private static double TextWidth(string text) => text.Sum(c => c >= '\u1100' ? 1.0 : 0.6);

    private static void CheckId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IdPattern().IsMatch(id))
        {
            throw new ArgumentException("id は英字で始まり、英数字・-・_ だけからなる文字列にしてください。", nameof(id));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
