using System.Globalization;
using System.Text;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Import;

/// <summary>The outcome of one import: either every problem (and nothing written) or a summary of what changed.</summary>
public sealed class ImportResult
{
    private ImportResult(IReadOnlyList<ImportProblem> problems, ImportSummary? summary)
    {
        Problems = problems;
        Summary = summary;
    }

    public IReadOnlyList<ImportProblem> Problems { get; }

    public ImportSummary? Summary { get; }

    public bool Succeeded => Summary is not null;

    public static ImportResult Failed(IReadOnlyList<ImportProblem> problems) => new(problems, null);

    public static ImportResult Done(ImportSummary summary) => new([], summary);
}

/// <summary>How many rows of one kind an import created and updated.</summary>
public sealed record ImportCount(string Label, int Created, int Updated);

/// <summary>Whether an import creates a row, changes it, or leaves it as it is.</summary>
public enum ImportChange
{
    Unchanged,
    Created,
    Updated,
}

/// <summary>What an import does to one item of the file and to its evaluations (for previews).</summary>
public sealed record ImportItemChange(string Number, string Title, ImportChange Item, ImportChange Evaluation);

/// <summary>What an import did to the plan, for the page and the command line.</summary>
public sealed record ImportSummary(string Municipality, string PlanName, int PlanId, bool PlanCreated, IReadOnlyList<ImportCount> Counts)
{
    /// <summary>Each item of the file with what the import did to it, in the file's order.</summary>
    public IReadOnlyList<ImportItemChange> ItemChanges { get; init; } = [];

    /// <summary>The kinds of rows counted, in the order the summary lists them.</summary>
    internal static readonly Type[] Kinds =
    [
        typeof(Plan), typeof(RatingGrade), typeof(PlanRevision), typeof(PlanYear), typeof(Department), typeof(DepartmentFormerName),
        typeof(Policy), typeof(Category), typeof(ActionItem), typeof(ItemDepartment), typeof(SchedulePhase), typeof(Kpi), typeof(KpiValue),
        typeof(YearlyEvaluation), typeof(EvaluationPart),
    ];

    public int Created => Counts.Sum(c => c.Created);

    public int Updated => Counts.Sum(c => c.Updated);

    public bool Unchanged => Created == 0 && Updated == 0;

    /// <summary>One sentence: 「徳島市「徳島市情報化基本計画」を新しく取り込みました（作成 199件、更新 0件）。」</summary>
    public string Headline => Unchanged
        ? $"{Municipality}「{PlanName}」を取り込みました。データベースの内容はファイルと同じで、変更はありませんでした。"
        : string.Create(CultureInfo.InvariantCulture, $"{Municipality}「{PlanName}」を{(PlanCreated ? "新しく" : string.Empty)}取り込みました（作成 {Created}件、更新 {Updated}件）。");

    /// <summary>The counts of each kind that changed: 「取組項目: 作成 27件、更新 0件」.</summary>
    public IEnumerable<string> Details => Counts
        .Where(c => c.Created > 0 || c.Updated > 0)
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label}: 作成 {c.Created}件、更新 {c.Updated}件"));

    /// <summary>
    /// Builds the summary of a plan from counts in the order of <see cref="Kinds"/>; the plan's own
    /// labels name its levels (基本方針, アクションプラン …).
    /// </summary>
    public static ImportSummary Create(string municipality, string planName, int planId, bool planCreated, string policyLabel, string categoryLabel, string itemLabel, IReadOnlyList<(int Created, int Updated)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var labels = new[]
        {
            "計画", "評価区分", "改定", "年度", "部署", "部署の旧名称", policyLabel, categoryLabel, itemLabel, "担当部署の割り当て",
            "スケジュール", "評価指標", "評価指標の予定・実績", "評価", "部署ごとの記述",
        };
        return new ImportSummary(municipality, planName, planId, planCreated,
            labels.Select((label, i) => new ImportCount(label, i < counts.Count ? counts[i].Created : 0, i < counts.Count ? counts[i].Updated : 0)).ToList());
    }

    /// <summary>The counts as a query-string value (numbers only), for the page shown after the redirect.</summary>
    public string CountsText => string.Join(',', Counts.SelectMany(c => new[] { c.Created, c.Updated }).Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="CountsText"/>; null when it is not a list of pairs of numbers.</summary>
    public static IReadOnlyList<(int Created, int Updated)>? ParseCounts(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var numbers = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }
            numbers.Add(n);
        }
        return numbers.Count % 2 != 0 || numbers.Count / 2 > Kinds.Length
            ? null
            : Enumerable.Range(0, numbers.Count / 2).Select(i => (numbers[2 * i], numbers[(2 * i) + 1])).ToList();
    }

    public override string ToString()
    {
        var text = new StringBuilder(Headline);
        foreach (var line in Details)
        {
            text.Append('\n').Append("  ").Append(line);
        }
        return text.ToString();
    }
}
