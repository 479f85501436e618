using System.Globalization;
using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Features.Plans;

/// <summary>
/// The plan page's list conditions as they travel in the query string
/// (<c>?year=2020&amp;policy=2&amp;dept=5&amp;grade=A&amp;status=Approved&amp;q=申請&amp;sort=grade&amp;page=2</c>), so that
/// reloading or sharing the address shows the same list. Values that cannot be read are dropped, so a
/// hand-edited address shows the unfiltered list rather than an error.
/// </summary>
public sealed record PlanPageFilter(int? Policy, int? Department, string? Grade, string? Status, string Sort, string? Keyword = null)
{
    /// <summary>The grade filter's value for items without a rating (未評価).</summary>
    public const string NoGrade = "none";

    /// <summary>The status filter's value for items not evaluated in the year (対象外).</summary>
    public const string Inactive = "Inactive";

    public const string DefaultSort = "no";

    /// <summary>Longer keywords are cut: the field searches titles and numbers, not whole texts.</summary>
    public const int KeywordMaxLength = 100;

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

    public bool HasConditions => Policy is not null || Department is not null || Grade is not null || Status is not null || Keyword is not null;

    public static PlanPageFilter Parse(string? policy, string? department, string? grade, string? status, string? sort, string? keyword = null) => new(
        ParseNumber(policy),
        ParseNumber(department),
        string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(),
        Statuses.Any(s => s.Value == status) ? status : null,
        Sorts.Any(s => s.Value == sort) ? sort! : DefaultSort,
        CleanKeyword(keyword));

    /// <summary>The conditions as the address would give them back (<see cref="Parse"/> of <see cref="ToQuery"/>'s values).</summary>
    public PlanPageFilter Normalized() => Parse(
        Policy?.ToString(CultureInfo.InvariantCulture), Department?.ToString(CultureInfo.InvariantCulture), Grade, Status, Sort, Keyword);

    /// <summary>The evaluation status the filter asks for; null for none or for <see cref="Inactive"/>.</summary>
    public EvaluationStatus? WantedStatus => Enum.TryParse<EvaluationStatus>(Status, out var s) ? s : null;

    /// <summary>The conditions as query-string parameters; null values remove a parameter, the default sort is left out.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["policy"] = Policy?.ToString(CultureInfo.InvariantCulture),
        ["dept"] = Department?.ToString(CultureInfo.InvariantCulture),
        ["grade"] = Grade,
        ["status"] = Status,
        ["q"] = Keyword,
        ["sort"] = Sort == DefaultSort ? null : Sort,
    };

    /// <summary>A 1-based page number from the address; anything else is the first page.</summary>
    public static int ParsePage(string? text) => ParseNumber(text) ?? 1;

    private static string? CleanKeyword(string? keyword)
    {
        var trimmed = keyword?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length > KeywordMaxLength ? trimmed[..KeywordMaxLength] : trimmed;
    }

    private static int? ParseNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
