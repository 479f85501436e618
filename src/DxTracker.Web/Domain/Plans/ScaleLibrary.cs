namespace DxTracker.Web.Domain.Plans;

/// <summary>A rating scale a plan can start from: its grades and outcome marks, in order.</summary>
public sealed record ScaleTemplate(string Key, string Name, string Description, IReadOnlyList<GradeDraft> Grades);

/// <summary>評価区分のひな形: scales municipalities publish, to start a plan's scale from and then adjust.</summary>
public static class ScaleLibrary
{
    /// <summary>S・A・B・C as the Tokushima report defines them (also the scale of an imported file without one).</summary>
    public static readonly ScaleTemplate TokushimaSabc = new(
        "sabc",
        "S・A・B・C（4段階、徳島市の定義）",
        "目標や計画に対する達成状況を4段階で評価します。",
        [
            new("S", string.Empty, "目標や計画を上回る達成状況であった。"),
            new("A", string.Empty, "目標や計画どおりの達成状況であった。"),
            new("B", string.Empty, "目標や計画を下回る達成状況であった。"),
            new("C", string.Empty, "目標や計画を大幅に下回る達成状況であった（又は未実施）。"),
        ]);

    public static readonly ScaleTemplate Abcd = new(
        "abcd",
        "A・B・C・D（4段階）",
        "進捗状況を4段階で評価します。",
        [
            new("A", "順調", "計画どおり、又は計画以上に進んでいる。"),
            new("B", "概ね順調", "一部に遅れがあるが、概ね計画どおり進んでいる。"),
            new("C", "遅れ", "計画より遅れている。"),
            new("D", "未着手", "未着手、又は大幅に遅れている。"),
        ]);

    /// <summary>Progress grades plus the marks for items that ended during the year, counted apart from the grades.</summary>
    public static readonly ScaleTemplate ProgressWithOutcomes = new(
        "progress-outcomes",
        "◎・○・△・× と 完了・廃止",
        "進捗状況を4段階で評価し、年度中に完了した取組と廃止・中止した取組は別の区分で数えます。",
        [
            new("◎", "計画以上", "計画以上に進んでいる。"),
            new("○", "計画どおり", "計画どおり進んでいる。"),
            new("△", "遅れ", "計画より遅れている。"),
            new("×", "未着手", "未着手、又は取組を実施できなかった。"),
            new("完了", string.Empty, "年度中に取組が完了した。", GradeKind.OutcomeMark),
            new("廃止", string.Empty, "年度中に取組を廃止・中止した。", GradeKind.OutcomeMark),
        ]);

    public static IReadOnlyList<ScaleTemplate> All { get; } = [TokushimaSabc, Abcd, ProgressWithOutcomes];

    public static ScaleTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);
}
