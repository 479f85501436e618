using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The item form (取組項目の内容と位置), for a new item and for editing one.</summary>
public sealed class ItemInput
{
    [Required(ErrorMessage = "方針を選んでください。")]
    public int? PolicyId { get; set; }

    public int? CategoryId { get; set; }

    [Required(ErrorMessage = "番号を入力してください。")]
    [StringLength(ActionItem.NumberMaxLength, ErrorMessage = "番号は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Number { get; set; }

    [PlainText]
    public string? SortOrder { get; set; }

    [Required(ErrorMessage = "名称を入力してください。")]
    [StringLength(ActionItem.TitleMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Title { get; set; }

    [StringLength(ActionItem.TextMaxLength, ErrorMessage = "取組内容は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Content { get; set; }

    [StringLength(ActionItem.TextMaxLength, ErrorMessage = "目標は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Goal { get; set; }

    [StringLength(ActionItem.TextMaxLength, ErrorMessage = "概要は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Overview { get; set; }

    [StringLength(ActionItem.TextMaxLength, ErrorMessage = "目的は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Purpose { get; set; }

    [StringLength(ActionItem.TextMaxLength, ErrorMessage = "成果目標は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Outcome { get; set; }

    public uint? Version { get; set; }

    public static ItemInput From(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            PolicyId = item.PolicyId,
            CategoryId = item.CategoryId,
            Number = item.Number,
            SortOrder = item.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = item.Title,
            Content = item.Content,
            Goal = item.Goal,
            Overview = item.Overview,
            Purpose = item.Purpose,
            Outcome = item.Outcome,
            Version = item.Version,
        };
    }

    /// <summary>表示順 as typed (full-width digits understood); null when empty.</summary>
    /// <exception cref="FieldRuleException">It is not a whole number.</exception>
    public int? ParsedSortOrder()
    {
        try
        {
            return Components.WholeNumber.Parse(SortOrder, "表示順");
        }
        catch (Domain.DomainRuleException e)
        {
            throw new FieldRuleException(nameof(SortOrder), e.Message);
        }
    }

    public ItemDetails ToDetails(int? sortOrder) => new(
        PolicyId ?? 0, CategoryId, Number?.Trim() ?? string.Empty, sortOrder, Title ?? string.Empty,
        Content ?? string.Empty, Goal ?? string.Empty, Overview ?? string.Empty, Purpose ?? string.Empty, Outcome ?? string.Empty);
}
