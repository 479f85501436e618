using System.Text.Json;

namespace DxTracker.Web.Domain.Evaluations;

/// <summary>
/// 入力中の下書き: what one user has typed into one department's entry form, saved as they type so that a closed
/// tab, a crash or a server restart loses nothing. Only its author reads it; it never counts as the evaluation
/// (下書き保存 and 提出 write that, audited) and is removed once the form is saved.
/// </summary>
public sealed class EntryDraft
{
    private const int KpiTextMaxLength = 200;

    private EntryDraft() { }

    public EntryDraft(string userId, int planId, int itemId, FiscalYear year, int departmentId)
    {
        UserId = userId;
        PlanId = planId;
        ItemId = itemId;
        FiscalYear = year.Year;
        DepartmentId = departmentId;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public int PlanId { get; private set; }

    public int ItemId { get; private set; }

    public int FiscalYear { get; private set; }

    public int DepartmentId { get; private set; }

    public string ResultText { get; private set; } = string.Empty;

    public string ImprovementText { get; private set; } = string.Empty;

    public string? SelfRating { get; private set; }

    /// <summary>The KPI actuals as typed, by KPI id, as JSON (they are only ever read back into the form).</summary>
    public string KpiActualsJson { get; private set; } = "{}";

    /// <summary>
    /// The values the form was opened with, as JSON: restoring the draft keeps the same rule (only what the user changed
    /// is saved; what someone else changed meanwhile is a conflict).
    /// </summary>
    public string LoadedJson { get; private set; } = "{}";

    public DateTimeOffset SavedAt { get; private set; }

    public IReadOnlyDictionary<int, string?> KpiActuals =>
        JsonSerializer.Deserialize<Dictionary<int, string?>>(KpiActualsJson) ?? [];

    /// <summary>
    /// Keeps what is typed, cut to the field limits and without characters that cannot be stored (a draft never refuses
    /// what the user typed: the save does, with the message at the field).
    /// </summary>
    public void Update(string? result, string? improvement, string? selfRating, IReadOnlyDictionary<int, string?> kpiActuals, string loadedJson, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(kpiActuals);
        ResultText = Cut(result, EvaluationPart.TextMaxLength);
        ImprovementText = Cut(improvement, EvaluationPart.TextMaxLength);
        SelfRating = string.IsNullOrWhiteSpace(selfRating) ? null : Cut(selfRating, Plans.RatingGrade.CodeMaxLength);
        KpiActualsJson = JsonSerializer.Serialize(kpiActuals.ToDictionary(k => k.Key, k => k.Value is null ? null : Cut(k.Value, KpiTextMaxLength)));
        LoadedJson = loadedJson ?? "{}";
        SavedAt = at;
    }

    /// <summary>Cut to the limit, without characters that cannot be stored (NUL, a surrogate half, also one left by the cut).</summary>
    private static string Cut(string? text, int max) => text is null ? string.Empty : PlainText.Clean(text.Length <= max ? text : text[..max]);
}
