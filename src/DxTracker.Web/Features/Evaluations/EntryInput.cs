using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>The entry form: one department's part of an item's yearly evaluation.</summary>
public sealed class EntryInput
{
    public int DepartmentId { get; set; }

    [StringLength(EvaluationPart.TextMaxLength, ErrorMessage = "取組実績は10,000文字以内で入力してください。")]
    public string? Result { get; set; }

    [StringLength(EvaluationPart.TextMaxLength, ErrorMessage = "改善・拡充策、課題等は10,000文字以内で入力してください。")]
    public string? Improvement { get; set; }

    public string? SelfRating { get; set; }

    public List<KpiField>? Kpis { get; set; } = [];

    public uint? PartVersion { get; set; }

    public uint? EvaluationVersion { get; set; }

    public string? LoadedRating { get; set; }

    /// <summary>Which button was pressed: "draft" or "submit".</summary>
    public string? Action { get; set; }

    /// <summary>One field per KPI of the year, in the page's order, keeping what was posted for each.</summary>
    public void AlignKpis(IReadOnlyList<int> kpiIds)
    {
        var posted = (Kpis ?? []).Where(k => k is not null).GroupBy(k => k.KpiId).ToDictionary(g => g.Key, g => g.First().Actual);
        Kpis = kpiIds.Select(id => new KpiField { KpiId = id, Actual = posted.GetValueOrDefault(id) }).ToList();
    }

    public PartInput ToPartInput() => new(
        DepartmentId,
        Result ?? string.Empty,
        Improvement ?? string.Empty,
        string.IsNullOrWhiteSpace(SelfRating) ? null : SelfRating,
        (Kpis ?? []).Select(k => new KpiActualInput(k.KpiId, k.Actual)).ToList(),
        PartVersion,
        EvaluationVersion,
        string.IsNullOrWhiteSpace(LoadedRating) ? null : LoadedRating);
}

public sealed class KpiField
{
    public int KpiId { get; set; }

    [StringLength(100, ErrorMessage = "実績値は100文字以内で入力してください。")]
    public string? Actual { get; set; }
}
