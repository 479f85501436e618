using System.Globalization;
using System.Text;

namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// Turns arbitrary strings into what a workbook can hold: XML 1.0 characters only, LF line breaks,
/// Excel's length limits, Excel's <c>_xHHHH_</c> escape neutralised.
/// </summary>
internal static class XlsxText
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>Appended to a cell text cut at <see cref="MaxCellLength"/>.</summary>
    public const string TruncationMarker = "…（以下省略）";

    /// <summary>Excel's limit on the length of a sheet name.</summary>
    public const int MaxSheetNameLength = 31;

    /// <summary>Excel's limit on a header or footer, format codes included.</summary>
    public const int MaxHeaderFooterLength = 255;

    /// <summary>
    /// Removes what XML 1.0 cannot hold (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; unpaired
    /// surrogates) and turns CRLF and lone CR into LF (an XML reader would turn a raw CR into LF anyway).
    /// Returns the same instance when nothing changes.
    /// </summary>
    public static string RemoveInvalidXmlCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstChange = FirstCharacterToChange(text);
        if (firstChange < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstChange);
        for (var i = firstChange; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }
            }
            else if (IsAllowedSingle(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text of a cell: <see cref="RemoveInvalidXmlCharacters"/>, then cut to Excel's 32,767 characters
    /// with <see cref="TruncationMarker"/> at the end (never between the halves of a surrogate pair).
    /// </summary>
    public static string ForCell(string text)
    {
        var clean = RemoveInvalidXmlCharacters(text);
        if (clean.Length <= MaxCellLength)
        {
            return clean;
        }

        var keep = MaxCellLength - TruncationMarker.Length;
        if (char.IsHighSurrogate(clean[keep - 1]))
        {
            keep--;
        }

        return string.Concat(clean.AsSpan(0, keep), TruncationMarker);
    }

    /// <summary>
    /// Excel reads <c>_xHHHH_</c> in a string as the character U+HHHH. A literal underscore before such a
    /// sequence is written as <c>_x005F_</c> so that the text comes back as it was written.
    /// </summary>
    public static string EscapeForXlsx(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 14);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && IsEscapeSequenceAt(text, i))
            {
                builder.Append("_x005F");
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text as Excel shows it: each <c>_xHHHH_</c> read as the character U+HHHH (so <c>_x005F_</c> gives back the
    /// underscore <see cref="EscapeForXlsx"/> protected). For reading workbooks, ours or Excel's.
    /// </summary>
    public static string DecodeFromXlsx(string stored)
    {
        if (!stored.Contains("_x", StringComparison.Ordinal))
        {
            return stored;
        }

        var builder = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] == '_' && IsEscapeSequenceAt(stored, i))
            {
                builder.Append((char)int.Parse(stored.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 6;
            }
            else
            {
                builder.Append(stored[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A name Excel accepts for a sheet: no XML-invalid or control characters; the characters Excel refuses
    /// (<c>[ ] : * ? / \</c>) replaced by their full-width forms, which read naturally in Japanese; no apostrophe
    /// at either end; at most 31 characters. Blank names become <paramref name="fallback"/>.
    /// </summary>
    public static string ForSheetName(string? name, string fallback)
    {
        var clean = RemoveInvalidXmlCharacters(name ?? string.Empty);
        var builder = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            builder.Append(c switch
            {
                '[' => '［',
                ']' => '］',
                ':' => '：',
                '*' => '＊',
                '?' => '？',
                '/' => '／',
                '\\' => '＼',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }

        var result = builder.ToString().Trim().Trim('\'').Trim();
        if (result.Length == 0)
        {
            return fallback;
        }

        return Truncate(result, MaxSheetNameLength);
    }

    /// <summary>Cuts to at most <paramref name="length"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var keep = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..keep];
    }

    /// <summary>The column letters of a 1-based column number: 1 → A, 27 → AA.</summary>
    public static string ColumnName(int column)
    {
        Span<char> buffer = stackalloc char[3];
        return new string(buffer[..WriteColumnName(buffer, column)]);
    }

    /// <summary>An A1 reference: (4, 2) → B4.</summary>
    public static string CellReference(int row, int column)
    {
        // One string per cell, built in place (the report writes half a million of them at 5,000 items).
        Span<char> buffer = stackalloc char[3 + 10];
        var letters = WriteColumnName(buffer, column);
        row.TryFormat(buffer[letters..], out var digits, provider: CultureInfo.InvariantCulture);
        return new string(buffer[..(letters + digits)]);
    }

    /// <summary>Writes the column's letters (A … XFD) at the start of <paramref name="buffer"/>; returns how many.</summary>
    private static int WriteColumnName(Span<char> buffer, int column)
    {
        var letters = 0;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters++;
        }

        for (int n = column, position = letters; n > 0; n = (n - 1) / 26)
        {
            buffer[--position] = (char)('A' + ((n - 1) % 26));
        }

        return letters;
    }

    /// <summary>A sheet name quoted for a formula or defined name: <c>'自己評価結果'</c>, apostrophes doubled.</summary>
    public static string QuoteSheetName(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static int FirstCharacterToChange(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (!IsAllowedSingle(c))
            {
                return i;
            }
        }

        return -1;
    }

    // XML 1.0 Char, less CR (normalised by the caller) and surrogates (checked in pairs by the caller).
    private static bool IsAllowedSingle(char c) =>
        c == '\t' || c == '\n' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');

    private static bool IsEscapeSequenceAt(string text, int index)
    {
        if (index + 6 >= text.Length || text[index + 1] != 'x' || text[index + 6] != '_')
        {
            return false;
        }

        for (var i = index + 2; i < index + 6; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
