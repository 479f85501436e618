namespace DxTracker.Web.Domain;

/// <summary>Checks of user-entered values, with the Japanese message the user sees.</summary>
internal static class Guard
{
    /// <summary>A required single-line value: trimmed, not empty, not over the limit.</summary>
    public static string Required(string? value, int maxLength, string label)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException($"{label}を入力してください。");
        }
        return MaxLength(trimmed, maxLength, label);
    }

    /// <summary>An optional text: kept exactly as typed (line breaks included), but for the length limit.</summary>
    public static string Optional(string? value, int maxLength, string label) =>
        MaxLength(value ?? string.Empty, maxLength, label);

    public static string MaxLength(string value, int maxLength, string label)
    {
        if (PlainText.ProblemFor(value, label) is { } problem)
        {
            throw new DomainRuleException(problem);
        }
        return value.Length <= maxLength ? value : throw new DomainRuleException($"{label}は{maxLength:#,0}文字以内で入力してください（現在{value.Length:#,0}文字）。");
    }
}
