using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The form of a policy (番号・名称・表示順), for a new one and for each existing one.</summary>
public sealed record PolicyInput
{
    [Required(ErrorMessage = "番号を入力してください。")]
    [PlainText]
    public string? Number { get; set; }

    [Required(ErrorMessage = "名称を入力してください。")]
    [StringLength(Policy.TitleMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Title { get; set; }

    [PlainText]
    public string? SortOrder { get; set; }

    public static PolicyInput From(PolicyRow policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new() { Number = Text(policy.Number), Title = policy.Title, SortOrder = Text(policy.SortOrder) };
    }

    /// <exception cref="FieldRuleException">The number is empty or not a whole number (full-width digits are understood).</exception>
    public int ParsedNumber() => Parse(Number, nameof(Number), "番号") ?? throw new FieldRuleException(nameof(Number), "番号を入力してください。");

    /// <summary>表示順 as typed; <paramref name="otherwise"/> when empty.</summary>
    public int ParsedSortOrder(int otherwise) => Parse(SortOrder, nameof(SortOrder), "表示順") ?? otherwise;

    internal static int? Parse(string? text, string field, string label)
    {
        try
        {
            return WholeNumber.Parse(text, label);
        }
        catch (DomainRuleException e)
        {
            throw new FieldRuleException(field, e.Message);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The form of a category (第2階層): number (optional), name and order.</summary>
public sealed record CategoryInput
{
    [PlainText]
    public string? Number { get; set; }

    [Required(ErrorMessage = "名称を入力してください。")]
    [StringLength(Category.TitleMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Title { get; set; }

    [PlainText]
    public string? SortOrder { get; set; }

    public static CategoryInput From(CategoryRow category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new() { Number = category.Number, Title = category.Title, SortOrder = category.SortOrder.ToString(CultureInfo.InvariantCulture) };
    }

    public int ParsedSortOrder() => PolicyInput.Parse(SortOrder, nameof(SortOrder), "表示順") ?? 0;
}
