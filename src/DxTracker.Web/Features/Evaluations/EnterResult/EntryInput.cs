using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Evaluations.EnterResult;

/// <summary>The entry form: one department's part of an item's yearly evaluation, as typed.</summary>
public sealed class EntryInput
{
    public int DepartmentId { get; set; }

    [PlainText]
    public string? Result { get; set; }

    [PlainText]
    public string? Improvement { get; set; }

    [PlainText]
    public string? SelfRating { get; set; }

    public List<KpiField> Kpis { get; set; } = [];

    /// <summary>
    /// What the form was opened with: a save writes only the fields that differ from it, and a field that someone else
    /// changed since then is a conflict (<see cref="EntryMerge"/>).
    /// </summary>
    public EntryValues Loaded { get; set; } = new();

    /// <summary>What is stored for this department's part (empty fields when nothing is).</summary>
    public static EntryInput From(EvaluationContext context, int departmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = EntryValues.Stored(context, departmentId);
        return new EntryInput
        {
            DepartmentId = departmentId,
            Result = stored.Result,
            Improvement = stored.Improvement,
            SelfRating = stored.SelfRating,
            Kpis = context.Kpis.Select(k => new KpiField { KpiId = k.Id, Actual = stored.Kpis.GetValueOrDefault(k.Id) }).ToList(),
            Loaded = stored,
        };
    }

    /// <summary>
    /// After a conflict: takes what is stored now as the form's starting point. A field this user had not changed shows
    /// the stored value; a changed one keeps what was typed, so saving again is a deliberate choice made after seeing both.
    /// </summary>
    public void Rebase(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = EntryValues.Stored(context, DepartmentId);
        Result = EntryMerge.Merged(Loaded.Result, Result, stored.Result);
        Improvement = EntryMerge.Merged(Loaded.Improvement, Improvement, stored.Improvement);
        SelfRating = NullWhenEmpty(EntryMerge.Merged(Loaded.SelfRating, SelfRating, stored.SelfRating));
        foreach (var kpi in Kpis)
        {
            kpi.Actual = NullWhenEmpty(EntryMerge.Merged(Loaded.Kpis.GetValueOrDefault(kpi.KpiId), kpi.Actual, stored.Kpis.GetValueOrDefault(kpi.KpiId)));
        }
        Loaded = stored;
    }

    private static string? NullWhenEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Puts an autosaved draft's texts and versions into the form (KPIs by id; a KPI added since keeps its stored value).</summary>
    public void Restore(EntryDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Result = draft.ResultText;
        Improvement = draft.ImprovementText;
        SelfRating = draft.SelfRating;
        var actuals = draft.KpiActuals;
        foreach (var kpi in Kpis)
        {
            if (actuals.TryGetValue(kpi.KpiId, out var typed))
            {
                kpi.Actual = typed;
            }
        }
        Loaded = EntryValues.FromJson(draft.LoadedJson);
    }

    public void WriteTo(EntryDraft draft, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.Update(Result, Improvement, SelfRating, Kpis.ToDictionary(k => k.KpiId, k => k.Actual), Loaded.ToJson(), at);
    }

    /// <summary>
    /// The messages at the fields before anything is sent (field → message): on submit the result and the rating are
    /// required (the rating only of a department that rates the item, <paramref name="ratesItem"/>); a text over its
    /// limit and a KPI actual that cannot be read are refused on every save.
    /// </summary>
    public Dictionary<string, string> Problems(bool submit, IReadOnlyList<Kpi> kpis, bool ratesItem = true)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var problems = new Dictionary<string, string>();
        if (submit && string.IsNullOrWhiteSpace(Result))
        {
            problems["result"] = "取組実績を入力してください。";
        }
        if ((Result?.Length ?? 0) > EvaluationPart.TextMaxLength)
        {
            problems["result"] = "取組実績は10,000文字以内で入力してください。";
        }
        if (submit && ratesItem && string.IsNullOrWhiteSpace(SelfRating))
        {
            problems["rating"] = "自己評価を選んでください。";
        }
        if ((Improvement?.Length ?? 0) > EvaluationPart.TextMaxLength)
        {
            problems["improvement"] = "改善・拡充策、課題等は10,000文字以内で入力してください。";
        }
        if (PlainText.ProblemFor(Result, "取組実績") is { } resultText)
        {
            problems["result"] = resultText;
        }
        if (PlainText.ProblemFor(Improvement, "改善・拡充策、課題等") is { } improvementText)
        {
            problems["improvement"] = improvementText;
        }
        for (var i = 0; i < Kpis.Count && i < kpis.Count; i++)
        {
            if (PlainText.ProblemFor(Kpis[i].Actual, "実績値") is { } kpiText)
            {
                problems[$"kpi-{i}"] = kpiText;
            }
            else if (Reading(kpis[i], Kpis[i].Actual) is { Valid: false } reading)
            {
                problems[$"kpi-{i}"] = reading.Text;
            }
        }
        return problems;
    }

    /// <summary>
    /// What the server will read from a KPI actual as typed: 「読み取り：12,900件」, or the message why it cannot
    /// (null while the field is empty). The same reader as the save (<see cref="KpiValueText"/>).
    /// </summary>
    public static KpiReading? Reading(Kpi kpi, string? typed)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        if (typed.Length > KpiField.MaxLength)
        {
            return new KpiReading(false, "実績値は100文字以内で入力してください。");
        }
        if (!KpiValueText.TryParse(typed, out var measurement, out var error))
        {
            return new KpiReading(false, error);
        }
        if (measurement.NotMeasured || measurement.Value is not { } value)
        {
            return new KpiReading(true, "読み取り：未測定");
        }
        return new KpiReading(true, $"読み取り：{KpiValueText.Format(value, measurement.Unit.Length > 0 ? measurement.Unit : kpi.Unit)}");
    }

    public PartInput ToPartInput() => new(
        DepartmentId,
        Result ?? string.Empty,
        Improvement ?? string.Empty,
        string.IsNullOrWhiteSpace(SelfRating) ? null : SelfRating,
        Kpis.Select(k => new KpiActualInput(k.KpiId, k.Actual)).ToList(),
        Loaded);
}

/// <summary>One KPI's actual as typed.</summary>
public sealed class KpiField
{
    public const int MaxLength = 100;

    public int KpiId { get; set; }

    [PlainText]
    public string? Actual { get; set; }
}

/// <summary>What was read from a typed KPI actual (Valid), or why nothing could be (the message at the field).</summary>
public sealed record KpiReading(bool Valid, string Text);
