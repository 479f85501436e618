using System.Globalization;
using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Features.Plans;

/// <summary>
/// The plan page's list conditions as they travel in the query string
/// (<c>?year=2020&amp;policy=2&amp;dept=5&amp;grade=A&amp;status=Approved&amp;sort=grade</c>). Values that cannot be
/// read are dropped, so a hand-edited address shows the unfiltered list rather than an error.
/// </summary>
internal sealed record PlanPageFilter(int? Policy, int? Department, string? Grade, string? Status, string Sort)
{
    /// <summary>The grade filter's value for items without a rating (未評価).</summary>
    public const string NoGrade = "none";

    /// <summary>The status filter's value for items not evaluated in the year (対象外).</summary>
    public const string Inactive = "Inactive";

    public const string DefaultSort = "no";

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("no", "No.順"),
        ("title", "取組項目名順"),
        ("dept", "担当部署順（よみがな）"),
        ("grade", "評価順（S→C）"),
        ("status", "進捗状況順"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
    [
        (nameof(EvaluationStatus.NotStarted), "未着手"),
        (nameof(EvaluationStatus.Draft), "下書き"),
        (nameof(EvaluationStatus.Submitted), "提出済"),
        (nameof(EvaluationStatus.Returned), "差戻し"),
        (nameof(EvaluationStatus.Approved), "承認済"),
        (Inactive, "評価対象外"),
    ];

    public static PlanPageFilter None { get; } = new(null, null, null, null, DefaultSort);

    public bool HasConditions => Policy is not null || Department is not null || Grade is not null || Status is not null;

    public static PlanPageFilter Parse(string? policy, string? department, string? grade, string? status, string? sort) => new(
        ParseId(policy),
        ParseId(department),
        string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(),
        Statuses.Any(s => s.Value == status) ? status : null,
        Sorts.Any(s => s.Value == sort) ? sort! : DefaultSort);

    /// <summary>The evaluation status the filter asks for; null for none or for <see cref="Inactive"/>.</summary>
    public EvaluationStatus? WantedStatus => Enum.TryParse<EvaluationStatus>(Status, out var s) ? s : null;

    private static int? ParseId(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
