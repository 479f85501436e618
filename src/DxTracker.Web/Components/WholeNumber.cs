using System.Globalization;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Components;

/// <summary>Whole numbers as people type them: full-width digits and separators are understood (１２ → 12).</summary>
public static class WholeNumber
{
    /// <summary>Null for an empty field; a Japanese message naming the field for anything that is not a whole number.</summary>
    public static int? Parse(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var normalized = FullWidth.ToHalfWidth(text.Trim()).Replace("−", "-", StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        return int.TryParse(normalized, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainRuleException($"{label}は整数で入力してください（「{text.Trim()}」は読み取れません）。");
    }
}
