using System.Globalization;
using System.Text;

namespace DxTracker.Web.Reporting;

/// <summary>
/// The texts of the report as the Tokushima report prints them, shared by the workbook, the preview and the
/// open data so that all three say the same: titles, 【name：value】 lines, department suffixes, rating cells.
/// </summary>
public static class AnnualReportText
{
    /// <summary>Appended to titles and ratings that are not final yet.</summary>
    public const string NotFinalMark = "【未確定】";

    public const string EmptyYearMessage = "この年度の取組実績はまだありません。";

    /// <summary>
    /// 「※次の取組項目は承認されないまま年度を確定したため、結果に含めていません（未承認）：No.3 GISの効率的運用、…」, or
    /// empty when every item was approved.
    /// </summary>
    public static string UnapprovedNote(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.UnapprovedItems.Count == 0
            ? string.Empty
            : $"※次の{model.ItemLabel}は承認されないまま年度を確定したため、結果に含めていません（未承認）：{string.Join("、", model.UnapprovedItems.Select(i => $"No.{i.Number} {i.Title}"))}";
    }

    public const string RoundingNote = "※割合は四捨五入しているため、合計が100%にならない場合があります。";

    public const string GoalHeading = "【目標】";

    /// <summary>Spaces that may stand between a text and its department's name: 「…した。 (住宅課)」.</summary>
    private const string Spaces = " \u3000";

    private static readonly (string Open, string Close)[] Brackets = [("（", "）"), ("(", ")"), ("（", ")"), ("(", "）")];

    /// <summary>「「徳島市情報化基本計画」の取組実績（令和2年度）」, with 【未確定】 while the year is open.</summary>
    public static string Title(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"「{model.PlanName}」の取組実績（{model.FiscalYear.Label}）" + NotFinalSuffix(model);
    }

    /// <summary>「「徳島市情報化基本計画」の取組実績一覧（令和2年度）」.</summary>
    public static string ListTitle(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"「{model.PlanName}」の取組実績一覧（{model.FiscalYear.Label}）" + NotFinalSuffix(model);
    }

    /// <summary>「取組方針別の自己評価（令和2年度）」.</summary>
    public static string PolicyTableTitle(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"{model.PolicyLabel}別の自己評価（{model.FiscalYear.Label}）" + NotFinalSuffix(model);
    }

    /// <summary>「評価指標の予定と実績（令和2年度まで）」.</summary>
    public static string KpiTableTitle(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"評価指標の予定と実績（{model.FiscalYear.Label}まで）" + NotFinalSuffix(model);
    }

    /// <summary>
    /// The sentence above the grade table: 「令和2年度における、27の取組項目の目標や計画に対する取組実績について、
    /// 「S」～「C」の4段階で自己評価を行った結果は、次のとおりであった。」
    /// </summary>
    public static string SummaryIntroduction(AnnualReportModel model, AnnualReportFigures figures)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(figures);
        var range = model.Grades.Count switch
        {
            0 => string.Empty,
            1 => $"「{model.Grades[0].Code}」の",
            _ => $"「{model.Grades[0].Code}」～「{model.Grades[^1].Code}」の",
        };
        var total = figures.Summary.Total.ToString(CultureInfo.InvariantCulture);
        var steps = model.Grades.Count.ToString(CultureInfo.InvariantCulture);
        return $"{model.FiscalYear.Label}における、{total}の{model.ItemLabel}の目標や計画に対する取組実績について、{range}{steps}段階で自己評価を行った結果は、次のとおりであった。";
    }

    /// <summary>「取組方針1「地域課題解決への取組みに向けたICT利活用の促進」」 with the plan's label.</summary>
    public static string PolicyHeading(AnnualReportModel model, ReportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        return model.PolicyLabel + policy.Number.ToString(CultureInfo.InvariantCulture) + "「" + policy.Title + "」";
    }

    /// <summary>The grade's label cell: the code, with its short label when it has one (「S（順調）」).</summary>
    public static string GradeName(ReportGrade grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return string.IsNullOrWhiteSpace(grade.Label) ? grade.Code : $"{grade.Code}（{grade.Label}）";
    }

    /// <summary>取組内容／目標: the content, then 【目標】 and the goal, then the year's KPI targets as 【name：value】.</summary>
    public static string ContentAndGoal(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder();
        AppendLine(text, item.Content);
        if (!string.IsNullOrWhiteSpace(item.Goal))
        {
            AppendLine(text, GoalHeading);
            AppendLine(text, item.Goal);
        }

        foreach (var kpi in item.KpiTargets)
        {
            AppendLine(text, kpi.Bracketed);
        }

        return text.ToString();
    }

    /// <summary>取組実績: each department's text (with 「（部署名）」 when the item has several), then the KPI actuals.</summary>
    public static string Result(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder(PartsText(item, p => p.Result));
        foreach (var kpi in item.KpiActuals)
        {
            AppendLine(text, kpi.Bracketed);
        }

        return text.ToString();
    }

    /// <summary>取組実績 without the KPI lines (open data keeps KPIs apart).</summary>
    public static string ResultWithoutKpis(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return PartsText(item, p => p.Result);
    }

    /// <summary>改善・拡充策、課題等: each department's text, with 「（部署名）」 when the item has several.</summary>
    public static string Improvement(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return PartsText(item, p => p.Improvement);
    }

    /// <summary>
    /// 自己評価 cell: the rating that counts; 「B（自己評価A）」 when the reviewer changed it; 【未確定】 on a new
    /// line while the evaluation is not approved. Empty when not rated and approved.
    /// </summary>
    public static string Rating(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var effective = item.EffectiveRating?.Trim() ?? string.Empty;
        var self = item.SelfRating?.Trim();
        if (!string.IsNullOrEmpty(item.FinalRating) && !string.IsNullOrEmpty(self) && self != effective)
        {
            effective += $"（自己評価{self}）";
        }

        if (item.IsApproved)
        {
            return effective;
        }

        return effective.Length == 0 ? NotFinalMark : effective + "\n" + NotFinalMark;
    }

    /// <summary>担当部署 joined with 「、」.</summary>
    public static string Departments(ReportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join("、", item.Departments.Where(d => !string.IsNullOrWhiteSpace(d)));
    }

    private static string PartsText(ReportItem item, Func<ReportItemPart, string> select)
    {
        var attribute = item.Parts.Count > 1 && !item.TextsAsPublished;
        var text = new StringBuilder();
        foreach (var part in item.Parts)
        {
            var body = select(part)?.TrimEnd();
            if (string.IsNullOrWhiteSpace(body))
            {
                continue;
            }

            var named = attribute && !string.IsNullOrWhiteSpace(part.Department) && !EndsWithName(body, part);
            AppendLine(text, named ? $"{body}（{part.Department}）" : body);
        }

        return text.ToString();
    }

    /// <summary>Whether the text already ends with the department's name in parentheses, 「（住宅課）」 or 「 (住宅課)」.</summary>
    private static bool EndsWithName(string body, ReportItemPart part)
    {
        foreach (var name in part.OtherNames.Prepend(part.Department).Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            foreach (var (open, close) in Brackets)
            {
                var rest = body.AsSpan().TrimEnd();
                if (!rest.EndsWith(close, StringComparison.Ordinal))
                {
                    continue;
                }

                rest = rest[..^close.Length].TrimEnd(Spaces);
                if (!rest.EndsWith(name.Trim(), StringComparison.Ordinal))
                {
                    continue;
                }

                rest = rest[..^name.Trim().Length].TrimEnd(Spaces);
                if (rest.EndsWith(open, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AppendLine(StringBuilder text, string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(line.TrimEnd());
    }

    private static string NotFinalSuffix(AnnualReportModel model) => model.IsFinal ? string.Empty : NotFinalMark;
}
