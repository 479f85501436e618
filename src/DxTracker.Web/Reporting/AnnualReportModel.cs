using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;

namespace DxTracker.Web.Reporting;

/// <summary>
/// 取組実績: everything the annual report of one plan and fiscal year shows, as plain data. The workbook
/// (<see cref="AnnualReportWorkbook"/>), the preview (<c>AnnualReportView</c>), the charts and the open data
/// files are all drawn from it; a database query fills it, the builders never query anything themselves.
/// Texts are as stored; the builders compose the report's cell texts (<see cref="AnnualReportText"/>).
/// </summary>
public sealed record AnnualReportModel
{
    /// <summary>計画名: 徳島市情報化基本計画.</summary>
    public required string PlanName { get; init; }

    /// <summary>副題, or empty.</summary>
    public string Subtitle { get; init; } = string.Empty;

    /// <summary>自治体名: 徳島市.</summary>
    public required string Municipality { get; init; }

    /// <summary>The fiscal year the report is for.</summary>
    public required FiscalYear FiscalYear { get; init; }

    /// <summary>The first year of the plan's period: the KPI sheet shows every year from it up to <see cref="FiscalYear"/>.</summary>
    public required FiscalYear PlanStartYear { get; init; }

    /// <summary>The first level's label: 取組方針, 基本方針 …</summary>
    public string PolicyLabel { get; init; } = "取組方針";

    /// <summary>The items' label: 取組項目, アクションプラン …</summary>
    public string ItemLabel { get; init; } = "取組項目";

    /// <summary>How the grade table's shares are rounded.</summary>
    public PercentageRounding Rounding { get; init; } = PercentageRounding.HalfUpEach;

    /// <summary>The rating scale in order, best first (S, A, B, C).</summary>
    public required IReadOnlyList<ReportGrade> Grades { get; init; }

    /// <summary>Outcome marks (完了, 廃止 …) counted apart from the grades; usually none.</summary>
    public IReadOnlyList<ReportGrade> OutcomeMarks { get; init; } = [];

    /// <summary>総括: the reviewer's text for the year; paragraphs separated by line breaks.</summary>
    public string Conclusion { get; init; } = string.Empty;

    /// <summary>The policies in order, each with its items of the year in order.</summary>
    public IReadOnlyList<ReportPolicy> Policies { get; init; } = [];

    /// <summary>Every KPI of the items of the year, in item order, with its values up to <see cref="FiscalYear"/>.</summary>
    public IReadOnlyList<ReportKpi> Kpis { get; init; } = [];

    /// <summary>
    /// The rating counts of the plan's earlier years (for the chart of all years); the report's own year is
    /// counted from <see cref="Policies"/> and need not be in this list (an entry for it is ignored).
    /// </summary>
    public IReadOnlyList<ReportYearCounts> EarlierYears { get; init; } = [];

    /// <summary>Whether the year is closed (確定): otherwise every title carries 【未確定】.</summary>
    public bool IsFinal { get; init; }

    /// <summary>
    /// The items of a closed year that were never approved (the office closed the year with them, giving a reason): the
    /// report lists them in its notes as 未承認 and counts and prints them nowhere as results.
    /// </summary>
    public IReadOnlyList<ReportUnapprovedItem> UnapprovedItems { get; init; } = [];
}

/// <summary>An item listed in a closed year's notes as 未承認.</summary>
public sealed record ReportUnapprovedItem(string Number, string Title);

/// <summary>評価区分 or outcome mark: code (S), short label (may be empty) and definition.</summary>
public sealed record ReportGrade(string Code, string Label, string Definition);

/// <summary>取組方針: number, title and the items of the year in order.</summary>
public sealed record ReportPolicy(int Number, string Title, IReadOnlyList<ReportItem> Items);

/// <summary>One 取組項目 and its evaluation for the year.</summary>
public sealed record ReportItem
{
    /// <summary>No. as the plan prints it: 1, 12, 1-3.</summary>
    public required string Number { get; init; }

    public required string Title { get; init; }

    /// <summary>取組内容</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>目標</summary>
    public string Goal { get; init; } = string.Empty;

    /// <summary>The year's planned KPI values, printed under the goal as 【name：value】.</summary>
    public IReadOnlyList<ReportKpiLine> KpiTargets { get; init; } = [];

    /// <summary>
    /// One part per department of the item (also a department that wrote nothing): the texts are printed in
    /// this order, each followed by 「（部署名）」 when there is more than one part.
    /// </summary>
    public IReadOnlyList<ReportItemPart> Parts { get; init; } = [];

    /// <summary>The year's actual KPI values, printed under the result as 【name：value】.</summary>
    public IReadOnlyList<ReportKpiLine> KpiActuals { get; init; } = [];

    /// <summary>自己評価: a grade or outcome-mark code, or null while not rated.</summary>
    public string? SelfRating { get; init; }

    /// <summary>The reviewer's rating where it differs from the self-rating, else null.</summary>
    public string? FinalRating { get; init; }

    /// <summary>Why the reviewer changed the rating; for the app's own pages, not printed in the report.</summary>
    public string FinalRatingReason { get; init; } = string.Empty;

    /// <summary>担当部署 as named that year, in the report's form 「デジタル推進課（情報推進課）」.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>承認済: otherwise the rating is printed with 【未確定】.</summary>
    public bool IsApproved { get; init; }

    /// <summary>
    /// The texts were imported from a published report: they already name their departments where the report did
    /// (「…実施した。 (情報推進課)」, or nowhere when the report did not), so they are printed as they are.
    /// </summary>
    public bool TextsAsPublished { get; init; }

    /// <summary>The rating that counts: the reviewer's when set, else the self-rating.</summary>
    public string? EffectiveRating => FinalRating ?? SelfRating;
}

/// <summary>A KPI value as the report prints it: 【name：value】 with the value's original text (12,900件).</summary>
public sealed record ReportKpiLine(string Name, string Value)
{
    public string Bracketed => $"【{Name}：{Value}】";
}

/// <summary>One department's part: its display name for the year, 取組実績 and 改善・拡充策、課題等.</summary>
public sealed record ReportItemPart(string Department, string Result, string Improvement)
{
    /// <summary>
    /// Other names a text of the department may already end with in parentheses, as staff used to write them in the
    /// spreadsheets (「…実施した。（情報推進課）」): its name that year and its current name. Such a text gets no
    /// second name.
    /// </summary>
    public IReadOnlyList<string> OtherNames { get; init; } = [];
}

/// <summary>評価指標: one KPI with its values for each plan year up to the report's year.</summary>
public sealed record ReportKpi
{
    public required string ItemNumber { get; init; }

    public required string ItemTitle { get; init; }

    public required string Name { get; init; }

    /// <summary>件, 人, %, 基 …; may be empty.</summary>
    public string Unit { get; init; } = string.Empty;

    public KpiDirection Direction { get; init; } = KpiDirection.HigherIsBetter;

    /// <summary>基準値 as written, or empty.</summary>
    public string BaselineText { get; init; } = string.Empty;

    public FiscalYear? BaselineYear { get; init; }

    /// <summary>The values by year; a year without an entry prints empty.</summary>
    public IReadOnlyList<ReportKpiValue> Values { get; init; } = [];

    public ReportKpiValue? ValueFor(FiscalYear year) => Values.FirstOrDefault(v => v.Year == year);

    /// <summary>達成率 of a year in percent (one decimal), or null: see <see cref="KpiValueText.AchievementRate"/>.</summary>
    public decimal? AchievementRate(FiscalYear year) =>
        ValueFor(year) is { } value ? KpiValueText.AchievementRate(value.Planned, value.Actual, Direction) : null;
}

/// <summary>A KPI's 予定 and 実績 of one year: the text as written and its number (null when not a number).</summary>
public sealed record ReportKpiValue(FiscalYear Year, string PlannedText, decimal? Planned, string ActualText, decimal? Actual);

/// <summary>How many items got each grade or outcome mark in an earlier year, by code.</summary>
public sealed record ReportYearCounts(FiscalYear Year, IReadOnlyDictionary<string, int> Counts);
