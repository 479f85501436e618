using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace DxTracker.Web.Reporting.OpenData;

/// <summary>
/// results.json: the year's results as open data (fields in <c>docs/api.md</c>): the plan, the scale, the counts,
/// and every policy with its items, their ratings, texts per department and KPI values. UTF-8 without a byte
/// order mark, indented, Japanese written as is (only characters unsafe in HTML are escaped).
/// </summary>
public static class ResultsJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static byte[] ToBytes(AnnualReportModel model) => JsonSerializer.SerializeToUtf8Bytes(Document(model), Options);

    public static string ToText(AnnualReportModel model) => JsonSerializer.Serialize(Document(model), Options);

    private static ResultsDocument Document(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var figures = AnnualReportFigures.Compute(model);
        return new ResultsDocument(
            new PlanDocument(model.PlanName, model.Subtitle, model.Municipality),
            model.FiscalYear.Year,
            model.FiscalYear.Label,
            model.IsFinal,
            model.Grades.Select(g => new GradeDocument(g.Code, g.Label, g.Definition)).ToList(),
            model.OutcomeMarks.Select(g => new GradeDocument(g.Code, g.Label, g.Definition)).ToList(),
            new SummaryDocument(
                figures.ItemCount,
                figures.Summary.Total,
                figures.Unrated,
                figures.Summary.Grades.Select(g => new GradeCountDocument(g.Code, g.Count, g.Percentage)).ToList(),
                model.OutcomeMarks.Select((m, i) => new GradeCountDocument(m.Code, figures.MarkCounts[i], null)).ToList()),
            model.Conclusion,
            model.Policies.Select(p => new PolicyDocument(
                p.Number,
                p.Title,
                p.Items.Select(i => new ItemDocument(
                    i.Number,
                    i.Title,
                    i.Content,
                    i.Goal,
                    i.EffectiveRating,
                    i.SelfRating,
                    AnnualReportText.ResultWithoutKpis(i),
                    AnnualReportText.Improvement(i),
                    i.Parts.Select(part => new PartDocument(part.Department, part.Result, part.Improvement)).ToList(),
                    i.KpiTargets.Select(k => new KpiLineDocument(k.Name, k.Value)).ToList(),
                    i.KpiActuals.Select(k => new KpiLineDocument(k.Name, k.Value)).ToList(),
                    i.Departments,
                    i.IsApproved)).ToList())).ToList(),
            model.Kpis.Select(k => new KpiDocument(
                k.ItemNumber,
                k.Name,
                k.Unit,
                k.BaselineText,
                k.BaselineYear?.Year,
                k.Values.OrderBy(v => v.Year).Select(v => new KpiValueDocument(v.Year.Year, v.PlannedText, v.Planned, v.ActualText, v.Actual)).ToList(),
                k.AchievementRate(model.FiscalYear))).ToList());
    }

    private sealed record ResultsDocument(
        PlanDocument Plan,
        int FiscalYear,
        string FiscalYearLabel,
        bool Final,
        IReadOnlyList<GradeDocument> Scale,
        IReadOnlyList<GradeDocument> OutcomeMarks,
        SummaryDocument Summary,
        string Conclusion,
        IReadOnlyList<PolicyDocument> Policies,
        IReadOnlyList<KpiDocument> Kpis);

    private sealed record PlanDocument(string Name, string Subtitle, string Municipality);

    private sealed record GradeDocument(string Code, string Label, string Definition);

    private sealed record SummaryDocument(int Items, int Rated, int Unrated, IReadOnlyList<GradeCountDocument> Grades, IReadOnlyList<GradeCountDocument> OutcomeMarks);

    private sealed record GradeCountDocument(string Code, int Count, int? Percentage);

    private sealed record PolicyDocument(int Number, string Title, IReadOnlyList<ItemDocument> Items);

    private sealed record ItemDocument(
        string Number,
        string Title,
        string Content,
        string Goal,
        string? Rating,
        string? SelfRating,
        string Result,
        string Improvement,
        IReadOnlyList<PartDocument> Parts,
        IReadOnlyList<KpiLineDocument> KpiTargets,
        IReadOnlyList<KpiLineDocument> KpiActuals,
        IReadOnlyList<string> Departments,
        bool Approved);

    private sealed record PartDocument(string Department, string Result, string Improvement);

    private sealed record KpiLineDocument(string Name, string Value);

    private sealed record KpiDocument(string ItemNumber, string Name, string Unit, string Baseline, int? BaselineYear, IReadOnlyList<KpiValueDocument> Values, decimal? AchievementRate);

    private sealed record KpiValueDocument(int FiscalYear, string PlannedText, decimal? Planned, string ActualText, decimal? Actual);
}
