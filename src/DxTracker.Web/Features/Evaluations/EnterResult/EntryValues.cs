using System.Text.Json;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Evaluations.EnterResult;

/// <summary>
/// One department's entry fields as the form shows them: its texts, the item's self-rating and the KPI actuals (by KPI
/// id, as typed). The form keeps the values it was opened with, so that a save can tell what its user changed.
/// </summary>
public sealed record EntryValues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Result { get; init; }

    public string? Improvement { get; init; }

    public string? SelfRating { get; init; }

    public IReadOnlyDictionary<int, string?> Kpis { get; init; } = new Dictionary<int, string?>();

    /// <summary>What is stored for this department's part, as the form shows it.</summary>
    public static EntryValues Stored(EvaluationContext context, int departmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var part = context.Evaluation?.Parts.FirstOrDefault(p => p.DepartmentId == departmentId);
        return new EntryValues
        {
            Result = part?.ResultText,
            Improvement = part?.ImprovementText,
            SelfRating = context.Evaluation?.SelfRating,
            Kpis = context.Kpis.ToDictionary(k => k.Id, k => StoredActual(k, context.FiscalYear.Year)),
        };
    }

    /// <summary>A KPI's actual of one year as the form shows it (「未測定」 when only marked not measured).</summary>
    public static string? StoredActual(Kpi kpi, int fiscalYear)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var value = kpi.Values.FirstOrDefault(v => v.FiscalYear == fiscalYear);
        return value is null ? null : value.ActualNotMeasured && value.ActualText.Length == 0 ? "未測定" : value.ActualText;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads what <see cref="ToJson"/> wrote; an unreadable or empty one is an empty form (a save then conflicts rather than overwrites).</summary>
    public static EntryValues FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new EntryValues();
        }
        try
        {
            return JsonSerializer.Deserialize<EntryValues>(json, Json) ?? new EntryValues();
        }
        catch (JsonException)
        {
            return new EntryValues();
        }
    }
}
