using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The status form of an item (完了・廃止・削除・統合, or back to 実施中).</summary>
public sealed class StatusInput
{
    public ItemStatus Status { get; set; }

    [PlainText]
    public string? Year { get; set; }

    [StringLength(ActionItem.ReasonMaxLength, ErrorMessage = "理由は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Reason { get; set; }

    public int? MergeTargetId { get; set; }

    public uint? Version { get; set; }

    public static StatusInput From(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Status = item.Status,
            Year = item.StatusYear is { } y ? new FiscalYear(y).Label : null,
            Reason = item.StatusReason,
            MergeTargetId = item.MergedIntoItemId,
            Version = item.Version,
        };
    }

    /// <summary>The year as typed (令和5年度, R5, 2023); null when empty.</summary>
    /// <exception cref="FieldRuleException">The year cannot be read.</exception>
    public FiscalYear? ParsedYear()
    {
        if (string.IsNullOrWhiteSpace(Year))
        {
            return null;
        }
        return FiscalYear.TryParse(Year, out var year)
            ? year
            : throw new FieldRuleException(nameof(Year), $"年度「{Year.Trim()}」を読み取れません。令和6年度、R6、2024 のように入力してください。");
    }
}
