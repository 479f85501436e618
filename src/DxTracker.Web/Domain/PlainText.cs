namespace DxTracker.Web.Domain;

/// <summary>
/// Text that can be stored and shown: no NUL or other control characters (tab and line breaks are fine), no lone
/// surrogate halves (broken characters that UTF-8 and PostgreSQL cannot hold), no noncharacters U+FFFE/U+FFFF.
/// A hostile client can send these where no keyboard would; every text field and import refuses them by name.
/// </summary>
public static class PlainText
{
    public static bool IsSafe(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return false;
            }
            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The message for a field that holds such a character; null when it holds none.</summary>
    public static string? ProblemFor(string? text, string label) =>
        IsSafe(text) ? null : $"{label}に使えない文字（制御文字や壊れた文字）が含まれています。その文字を消してから、もう一度お試しください。";

    /// <summary>The text without the characters <see cref="IsSafe"/> refuses (for autosaved drafts, which must never fail).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsSafe(text))
        {
            return text;
        }
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (IsSafe(c.ToString()))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }
}
