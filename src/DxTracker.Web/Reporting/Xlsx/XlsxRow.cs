namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// One row of a sheet. Cells are kept in column order as they are written (writing left to right is an append;
/// writing a cell again replaces it). Text is always written as text, never as a formula.
/// </summary>
public sealed class XlsxRow
{
    /// <summary>Excel's maximum row height in points.</summary>
    public const double MaxHeight = 409;

    private readonly List<XlsxCell> cells = [];

    internal XlsxRow(int index) => Index = index;

    /// <summary>The 1-based row number.</summary>
    public int Index { get; }

    /// <summary>The height set in points, or null: saving then writes an estimate from the texts and column widths.</summary>
    public double? HeightInPoints { get; private set; }

    internal IReadOnlyList<XlsxCell> Cells => cells;

    /// <summary>
    /// Sets the row height in points, kept as is by every reader. Rows without one get an estimate on save (which
    /// Excel replaces by its own fit, and LibreOffice keeps); set one for text merged over several rows, for
    /// example from <see cref="EstimateHeight"/>.
    /// </summary>
    public XlsxRow Height(double points)
    {
        if (!double.IsFinite(points) || points <= 0 || points > MaxHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "行の高さは 0 より大きく 409 ポイント以下です。");
        }

        HeightInPoints = points;
        return this;
    }

    /// <summary>
    /// Writes text as a string cell. Characters XML cannot hold are removed, line breaks become LF, and a text
    /// longer than 32,767 characters is cut and ends with 「…（以下省略）」. Null or empty writes a blank styled cell.
    /// </summary>
    public XlsxRow Text(int column, string? text, CellStyle style = CellStyle.Default)
    {
        XlsxStyles.EnsureDefined(style);
        var value = string.IsNullOrEmpty(text) ? null : XlsxText.ForCell(text);
        Set(new XlsxCell(CheckColumn(column), style, string.IsNullOrEmpty(value) ? null : value, null));
        return this;
    }

    /// <summary>Writes texts into consecutive cells from <paramref name="firstColumn"/>, all in one style.</summary>
    public XlsxRow Texts(int firstColumn, CellStyle style, params IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var column = CheckColumn(firstColumn);
        foreach (var text in texts)
        {
            Text(column++, text, style);
        }

        return this;
    }

    /// <summary>Writes a numeric cell; the style's number format decides how it shows. Null writes a blank styled cell.</summary>
    public XlsxRow Number(int column, decimal? value, CellStyle style = CellStyle.WholeNumber)
    {
        XlsxStyles.EnsureDefined(style);
        Set(new XlsxCell(CheckColumn(column), style, null, value));
        return this;
    }

    /// <summary>Writes a fraction (0.11 for 11%) as a numeric cell shown as a whole percentage.</summary>
    public XlsxRow Percent(int column, decimal? fraction, CellStyle style = CellStyle.Percent) =>
        Number(column, fraction, style);

    /// <summary>Writes an empty cell that carries a style (borders of an empty table cell).</summary>
    public XlsxRow Blank(int column, CellStyle style = CellStyle.Default)
    {
        XlsxStyles.EnsureDefined(style);
        Set(new XlsxCell(CheckColumn(column), style, null, null));
        return this;
    }

    /// <summary>
    /// An estimate of the height in points that shows <paramref name="text"/> in a cell (or merged range)
    /// <paramref name="widthInCharacters"/> wide. Full-width characters count as two, and the line height is
    /// generous, so the text is rather given too much room than cut. At most <see cref="MaxHeight"/>.
    /// Saving already estimates the rows that are not given a height; this is for rows that hold the text of a
    /// range merged over several rows, which the estimate on save leaves alone.
    /// </summary>
    public static double EstimateHeight(string? text, double widthInCharacters, CellStyle style = CellStyle.Plain)
    {
        XlsxStyles.EnsureDefined(style);
        if (!double.IsFinite(widthInCharacters) || widthInCharacters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(widthInCharacters), widthInCharacters, "幅は正の数です。");
        }

        return EstimateHeightOf(XlsxText.RemoveInvalidXmlCharacters(text ?? string.Empty), widthInCharacters, style);
    }

    /// <summary>
    /// The number of lines <paramref name="text"/> takes when wrapped in a cell <paramref name="widthInCharacters"/>
    /// wide, by the same estimate as <see cref="EstimateHeight"/>: each line break starts a line, full-width
    /// characters count as two digit widths, and a character of the width is left for the cell's padding.
    /// For splitting a long text over several rows so that none exceeds <see cref="MaxHeight"/>.
    /// </summary>
    public static int EstimateLineCount(string? text, double widthInCharacters)
    {
        if (!double.IsFinite(widthInCharacters) || widthInCharacters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(widthInCharacters), widthInCharacters, "幅は正の数です。");
        }

        var usable = Math.Max(1, widthInCharacters - 1);
        var lines = 0;
        var rest = (text ?? string.Empty).AsSpan();
        while (true)
        {
            var end = rest.IndexOf('\n');
            var paragraph = end < 0 ? rest : rest[..end];
            lines += Math.Max(1, (int)Math.Ceiling(WidthUnits(paragraph) / usable));
            if (end < 0)
            {
                return lines;
            }

            rest = rest[(end + 1)..];
        }
    }

    /// <summary>The height in points of <paramref name="lines"/> lines of text in <paramref name="style"/>, at most <see cref="MaxHeight"/>.</summary>
    public static double HeightOfLines(int lines, CellStyle style = CellStyle.Default)
    {
        XlsxStyles.EnsureDefined(style);
        ArgumentOutOfRangeException.ThrowIfNegative(lines);

        // 游ゴシック needs about 1.7 times its size per line: Excel's default row is 18.75 pt for 11 pt.
        var height = Math.Ceiling(lines * XlsxStyles.FontSizeOf(style) * 1.7 * 4) / 4;
        return Math.Min(MaxHeight, height);
    }

    /// <summary>The width of a text in digit widths: full-width characters count as two.</summary>
    public static double WidthUnits(ReadOnlySpan<char> text)
    {
        var units = 0.0;
        foreach (var c in text)
        {
            units += IsWide(c) ? 2 : 1;
        }

        return units;
    }

    /// <summary><see cref="EstimateHeight"/> for text already cleaned.</summary>
    internal static double EstimateHeightOf(string text, double widthInCharacters, CellStyle style)
    {
        var lines = XlsxStyles.Wraps(style) ? EstimateLineCount(text, widthInCharacters) : 1;
        return HeightOfLines(lines, style);
    }

    private static bool IsWide(char c) =>
        c >= '\u1100' && !(c >= '\uFF61' && c <= '\uFF9F') && !char.IsLowSurrogate(c);

    private static int CheckColumn(int column)
    {
        if (column < 1 || column > XlsxSheet.MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "列番号は 1 から 16384 までです。");
        }

        return column;
    }

    private void Set(XlsxCell cell)
    {
        if (cells.Count == 0 || cells[^1].Column < cell.Column)
        {
            cells.Add(cell);
            return;
        }

        var index = cells.BinarySearch(cell, XlsxCell.ByColumn);
        if (index >= 0)
        {
            cells[index] = cell;
        }
        else
        {
            cells.Insert(~index, cell);
        }
    }
}

/// <summary>A cell as written: text, number, or neither (blank with a style).</summary>
internal readonly record struct XlsxCell(int Column, CellStyle Style, string? Text, decimal? Number)
{
    public static readonly IComparer<XlsxCell> ByColumn = Comparer<XlsxCell>.Create((a, b) => a.Column.CompareTo(b.Column));

    public bool IsBlank => Text is null && Number is null;
}
