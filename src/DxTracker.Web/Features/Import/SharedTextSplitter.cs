using System.Text.RegularExpressions;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// Splits the text of an item shared by several departments into each department's part, the way published
/// reports mark them: a part ends with the department's name in parentheses, 「…実施した。（情報推進課）」 or
/// 「…実施した。 (情報推進課)」, at the end of a line or followed by the next part on the same line.
/// </summary>
/// <remarks>
/// Text before such a suffix belongs to the department it names; text after the last suffix belongs to the
/// department before it; a text without any suffix belongs to the first (lead) department. Every part is a
/// substring of the text, suffix included, so nothing of the published wording is lost. Parts of one
/// department that follow each other stay one substring; parts that do not are joined with a line break.
/// </remarks>
internal static partial class SharedTextSplitter
{
    /// <param name="text">The item's 取組実績 or 改善・拡充策 text.</param>
    /// <param name="departmentNames">For each department of the item, in order, the names a suffix may use (current and former).</param>
    /// <returns>Each department's part, in the order of <paramref name="departmentNames"/>; empty where it has none.</returns>
    public static IReadOnlyList<string> Split(string text, IReadOnlyList<IReadOnlyCollection<string>> departmentNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(departmentNames);
        var parts = new string[Math.Max(departmentNames.Count, 1)];
        Array.Fill(parts, string.Empty);
        if (departmentNames.Count <= 1 || text.Length == 0)
        {
            parts[0] = text;
            return parts;
        }

        var segments = new List<(int Department, int Start, int End)>();
        var start = 0;
        foreach (Match match in Suffix().Matches(text))
        {
            var end = match.Index + match.Length;
            if (match.Index < start || (end < text.Length && !char.IsWhiteSpace(text[end])))
            {
                continue;
            }
            var name = match.Groups["name"].Value.Trim();
            var department = IndexOf(departmentNames, name);
            if (department < 0)
            {
                continue;
            }
            segments.Add((department, start, end));
            start = end;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (segments.Count == 0)
        {
            parts[0] = text;
            return parts;
        }
        if (start < text.Length)
        {
            segments[^1] = segments[^1] with { End = text.Length };
        }

        // Neighbouring segments of the same department are one stretch of the original text.
        var runs = new List<(int Department, int Start, int End)>();
        foreach (var segment in segments)
        {
            if (runs.Count > 0 && runs[^1].Department == segment.Department)
            {
                runs[^1] = runs[^1] with { End = segment.End };
            }
            else
            {
                runs.Add(segment);
            }
        }
        foreach (var run in runs)
        {
            var piece = text[run.Start..run.End];
            parts[run.Department] = parts[run.Department].Length == 0 ? piece : parts[run.Department] + "\n" + piece;
        }
        return parts;
    }

    private static int IndexOf(IReadOnlyList<IReadOnlyCollection<string>> departmentNames, string name)
    {
        for (var i = 0; i < departmentNames.Count; i++)
        {
            if (departmentNames[i].Contains(name))
            {
                return i;
            }
        }
        return -1;
    }

    [GeneratedRegex(@"[（(][ \u3000]*(?<name>[^（）()\r\n]{1,100}?)[ \u3000]*[）)]", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}
