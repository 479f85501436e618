using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// One worksheet: rows of cells, column widths, merged ranges, frozen panes and print setup.
/// Rows and cells may be written in any order; they are written to the file sorted, as Open XML requires.
/// New sheets print on A4 portrait, all columns fitted to the page width; see <see cref="PageSetup"/>.
/// </summary>
public sealed class XlsxSheet
{
    /// <summary>Excel's number of rows.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Excel's number of columns.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Excel's maximum column width in characters.</summary>
    public const double MaxColumnWidth = 255;

    private const uint A4PaperSize = 9;

    // Excel's defaults for a workbook in 游ゴシック 11 pt, used when estimating row heights.
    private const double DefaultColumnWidth = 8.43;
    private const double DefaultRowHeight = 18.75;

    private readonly Dictionary<int, XlsxRow> rows = [];
    private readonly Dictionary<int, double> columnWidths = [];
    private readonly List<MergedRange> merges = [];
    private readonly HashSet<(int Row, int Column)> mergedCells = [];
    private string? pageHeader;
    private string? pageFooter;
    private readonly SortedSet<int> pageBreaks = [];

    internal XlsxSheet(string name) => Name = name;

    /// <summary>The sheet name as it is written: sanitised and unique in the workbook.</summary>
    public string Name { get; }

    /// <summary>The rows frozen at the top (0: none).</summary>
    public int FrozenRows { get; private set; }

    /// <summary>The columns frozen at the left (0: none).</summary>
    public int FrozenColumns { get; private set; }

    /// <summary>The rows printed at the top of every page, or null.</summary>
    public (int From, int To)? PrintTitleRows { get; private set; }

    public PageOrientation Orientation { get; private set; } = PageOrientation.Portrait;

    /// <summary>Whether all columns are scaled to fit one page wide (as many pages high as needed).</summary>
    public bool FitToWidth { get; private set; } = true;

    /// <summary>
    /// Centred page header in Excel's header/footer codes (<c>&amp;P</c> page number, <c>&amp;N</c> page count);
    /// pass user text through <see cref="LiteralHeaderFooterText"/>. At most 255 characters.
    /// </summary>
    public string? PageHeader
    {
        get => pageHeader;
        set => pageHeader = CheckHeaderFooter(value);
    }

    /// <summary>
    /// Centred page footer in Excel's header/footer codes, for example <c>"- &amp;P -"</c> for 「- 1 -」.
    /// Pass user text through <see cref="LiteralHeaderFooterText"/>. At most 255 characters.
    /// </summary>
    public string? PageFooter
    {
        get => pageFooter;
        set => pageFooter = CheckHeaderFooter(value);
    }

    /// <summary>Escapes text for <see cref="PageHeader"/> or <see cref="PageFooter"/> so that it prints as written.</summary>
    public static string LiteralHeaderFooterText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&&", StringComparison.Ordinal);
    }

    /// <summary>The row with this 1-based number, created on first use.</summary>
    public XlsxRow Row(int index)
    {
        CheckRow(index);
        if (!rows.TryGetValue(index, out var row))
        {
            row = new XlsxRow(index);
            rows.Add(index, row);
        }

        return row;
    }

    /// <summary>Sets the widths, in Excel character units, of the columns from column 1 on.</summary>
    public XlsxSheet SetColumnWidths(params IEnumerable<double> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var column = 1;
        foreach (var width in widths)
        {
            SetColumnWidth(column++, width);
        }

        return this;
    }

    /// <summary>Sets the width of one 1-based column in Excel character units (the width of a digit).</summary>
    public XlsxSheet SetColumnWidth(int column, double width)
    {
        CheckColumn(column);
        if (!double.IsFinite(width) || width <= 0 || width > MaxColumnWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "列幅は 0 より大きく 255 以下です。");
        }

        columnWidths[column] = width;
        return this;
    }

    /// <summary>The width set for a column, or null for the default width.</summary>
    public double? ColumnWidth(int column) => columnWidths.TryGetValue(column, out var width) ? width : null;

    /// <summary>
    /// Merges the range from (<paramref name="fromRow"/>, <paramref name="fromColumn"/>) to
    /// (<paramref name="toRow"/>, <paramref name="toColumn"/>), 1-based and inclusive. The value is the top-left
    /// cell's; the other cells take its style when saved (so borders and fills cover the whole range) and must
    /// not hold a value. Ranges may not overlap.
    /// </summary>
    public XlsxSheet Merge(int fromRow, int fromColumn, int toRow, int toColumn)
    {
        CheckRow(fromRow);
        CheckRow(toRow);
        CheckColumn(fromColumn);
        CheckColumn(toColumn);
        if (toRow < fromRow || toColumn < fromColumn)
        {
            throw new ArgumentException("結合範囲の終わりが始まりより前にあります。");
        }

        if (toRow == fromRow && toColumn == fromColumn)
        {
            throw new ArgumentException("1 つのセルは結合できません。");
        }

        var range = new MergedRange(fromRow, fromColumn, toRow, toColumn);
        var cells = range.Cells().ToList();
        if (cells.Any(mergedCells.Contains))
        {
            throw new InvalidOperationException($"結合範囲 {range} が既存の結合範囲と重なっています。");
        }

        mergedCells.UnionWith(cells);
        merges.Add(range);
        return this;
    }

    /// <summary>Freezes the rows above row <paramref name="rows"/> + 1 (the table header stays in view).</summary>
    public XlsxSheet FreezeRows(int rows) => FreezePanes(rows, 0);

    /// <summary>Freezes the top <paramref name="rows"/> rows and the left <paramref name="columns"/> columns; 0 and 0 unfreezes.</summary>
    public XlsxSheet FreezePanes(int rows, int columns)
    {
        if (rows < 0 || rows >= MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "固定する行数が範囲外です。");
        }

        if (columns < 0 || columns >= MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "固定する列数が範囲外です。");
        }

        FrozenRows = rows;
        FrozenColumns = columns;
        return this;
    }

    /// <summary>Prints rows <paramref name="fromRow"/> to <paramref name="toRow"/> at the top of every page (印刷タイトル).</summary>
    public XlsxSheet RepeatRowsOnEachPage(int fromRow, int toRow)
    {
        CheckRow(fromRow);
        CheckRow(toRow);
        if (toRow < fromRow)
        {
            throw new ArgumentException("繰り返す行の終わりが始まりより前にあります。");
        }

        PrintTitleRows = (fromRow, toRow);
        return this;
    }

    /// <summary>Starts a new printed page at row <paramref name="row"/> (改ページ); row 1 cannot start a later page.</summary>
    public XlsxSheet BreakPageBefore(int row)
    {
        CheckRow(row);
        if (row == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, "1 行目の前では改ページできません。");
        }

        pageBreaks.Add(row);
        return this;
    }

    /// <summary>The rows that start a new page by <see cref="BreakPageBefore"/>, in order.</summary>
    public IReadOnlyCollection<int> PageBreaks => pageBreaks;

    /// <summary>
    /// A4 in the given orientation; with <paramref name="fitToWidth"/>, all columns are scaled onto one page
    /// wide and the rows run over as many pages as they need.
    /// </summary>
    public XlsxSheet PageSetup(PageOrientation orientation, bool fitToWidth = true)
    {
        if (!Enum.IsDefined(orientation))
        {
            throw new ArgumentOutOfRangeException(nameof(orientation), orientation, null);
        }

        Orientation = orientation;
        FitToWidth = fitToWidth;
        return this;
    }

    internal void Write(Stream part, SharedStrings sharedStrings, bool selected)
    {
        var fill = MergeFill();
        var rowIndexes = rows.Keys.Union(fill.Keys).Order().ToList();

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (FitToWidth)
        {
            writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        }

        writer.WriteElement(new SheetDimension { Reference = Dimension(rowIndexes, fill) });
        writer.WriteElement(new SheetViews(SheetView(selected)));
        // LibreOffice otherwise takes its own default row height, too low for 11 pt Japanese text.
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = DefaultRowHeight });
        if (columnWidths.Count > 0)
        {
            writer.WriteElement(new Columns(columnWidths.OrderBy(w => w.Key).Select(w =>
                new Column { Min = (uint)w.Key, Max = (uint)w.Key, Width = w.Value, CustomWidth = true })));
        }

        writer.WriteStartElement(new SheetData());
        var cellsOfRow = new List<XlsxCell>();
        var attributes = new List<OpenXmlAttribute>(3);
        foreach (var index in rowIndexes)
        {
            rows.TryGetValue(index, out var row);
            CellsToWrite(index, row, fill, cellsOfRow);
            var rowElement = new Row { RowIndex = (uint)index };
            if (row?.HeightInPoints is { } height)
            {
                rowElement.Height = height;
                rowElement.CustomHeight = true;
            }
            else if (EstimatedHeight(index, cellsOfRow, fill) is { } estimate)
            {
                // Not marked custom: Excel fits such a row to its content itself; LibreOffice keeps the estimate.
                rowElement.Height = estimate;
            }

            writer.WriteStartElement(rowElement);
            foreach (var cell in cellsOfRow)
            {
                WriteCell(writer, index, cell, sharedStrings, attributes);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();

        if (merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(merges.Select(m => new MergeCell { Reference = m.ToString() })) { Count = (uint)merges.Count });
        }

        writer.WriteElement(new PrintOptions { HorizontalCentered = true });
        // Inches: narrower sides than Excel's default for wide tables; the footer keeps room for the page number.
        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        var pageSetup = new DocumentFormat.OpenXml.Spreadsheet.PageSetup
        {
            PaperSize = A4PaperSize,
            Orientation = Orientation == PageOrientation.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
        };
        if (FitToWidth)
        {
            pageSetup.FitToWidth = 1;
            pageSetup.FitToHeight = 0;
        }

        writer.WriteElement(pageSetup);
        if (pageHeader is not null || pageFooter is not null)
        {
            var headerFooter = new HeaderFooter();
            if (pageHeader is not null)
            {
                headerFooter.Append(new OddHeader("&C" + pageHeader));
            }

            if (pageFooter is not null)
            {
                headerFooter.Append(new OddFooter("&C" + pageFooter));
            }

            writer.WriteElement(headerFooter);
        }

        if (pageBreaks.Count > 0)
        {
            // A break's id is the last row of the page before it.
            writer.WriteElement(new RowBreaks(pageBreaks.Select(row => new Break { Id = (uint)(row - 1), Max = MaxColumns - 1, ManualPageBreak = true }))
            {
                Count = (uint)pageBreaks.Count,
                ManualBreakCount = (uint)pageBreaks.Count,
            });
        }

        writer.WriteEndElement();
    }

    /// <summary>The rows in order, the merged ranges and the column widths: for the benchmarks that write the same cells with other libraries.</summary>
    internal IEnumerable<XlsxRow> RowsInOrder() => rows.OrderBy(r => r.Key).Select(r => r.Value);

    internal IEnumerable<(int FromRow, int FromColumn, int ToRow, int ToColumn)> MergedRanges() =>
        merges.Select(m => (m.FromRow, m.FromColumn, m.ToRow, m.ToColumn));

    internal IReadOnlyDictionary<int, double> ColumnWidths => columnWidths;

    /// <summary>The <c>_xlnm.Print_Titles</c> reference, e.g. <c>'自己評価結果'!$3:$3</c>, or null.</summary>
    internal string? PrintTitlesReference() =>
        PrintTitleRows is var (from, to)
            ? string.Create(CultureInfo.InvariantCulture, $"{XlsxText.QuoteSheetName(Name)}!${from}:${to}")
            : null;

    // The elements only name what the writer writes: one instance of each serves every cell of the sheet.
    private static readonly Cell CellName = new();
    private static readonly CellValue ValueName = new();

    // Style indexes as attribute text, made once: a workbook has a few dozen styles.
    private static readonly string[] StyleTexts = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static string StyleText(uint index) => index < StyleTexts.Length ? StyleTexts[index] : index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One cell as <c>&lt;c r="B4" s="3" t="s"&gt;&lt;v&gt;12&lt;/v&gt;&lt;/c&gt;</c>, written by the writer without building a
    /// <see cref="Cell"/> for it: at 5,000 items the report has half a million cells, and their elements and typed
    /// attribute values were most of what saving it allocated.
    /// </summary>
    private static void WriteCell(OpenXmlWriter writer, int rowIndex, XlsxCell cell, SharedStrings sharedStrings, List<OpenXmlAttribute> attributes)
    {
        attributes.Clear();
        attributes.Add(new OpenXmlAttribute("r", string.Empty, XlsxText.CellReference(rowIndex, cell.Column)));
        string? value = null;
        if (cell.Text is { } text)
        {
            attributes.Add(new OpenXmlAttribute("s", string.Empty, StyleText(XlsxStyles.IndexOf(cell.Style, NeedsQuotePrefix(text)))));
            attributes.Add(new OpenXmlAttribute("t", string.Empty, "s"));
            value = sharedStrings.IndexOf(text).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            attributes.Add(new OpenXmlAttribute("s", string.Empty, StyleText(XlsxStyles.IndexOf(cell.Style, quotePrefix: false))));
            value = cell.Number?.ToString(CultureInfo.InvariantCulture);
        }

        writer.WriteStartElement(CellName, attributes);
        if (value is not null)
        {
            writer.WriteStartElement(ValueName);
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    // The text is a string cell either way; the quote prefix keeps it text when someone edits it in Excel.
    // Full-width signs count too: Japanese Excel turns 「＝１＋１」 typed in a cell into a formula.
    private static bool NeedsQuotePrefix(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠';

    private static void CheckRow(int row)
    {
        if (row < 1 || row > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, "行番号は 1 から 1048576 までです。");
        }
    }

    private static void CheckColumn(int column)
    {
        if (column < 1 || column > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "列番号は 1 から 16384 までです。");
        }
    }

    private static string? CheckHeaderFooter(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var clean = XlsxText.RemoveInvalidXmlCharacters(value);
        if (clean.Length + 2 > XlsxText.MaxHeaderFooterLength)
        {
            throw new ArgumentException("ヘッダー・フッターは 253 文字までです。", nameof(value));
        }

        return clean;
    }

    /// <summary>For each row touched by a merged range: the columns to fill with the top-left cell's style.</summary>
    private Dictionary<int, List<FillSpan>> MergeFill()
    {
        var fill = new Dictionary<int, List<FillSpan>>();
        foreach (var range in merges)
        {
            var style = StyleAt(range.FromRow, range.FromColumn);
            for (var row = range.FromRow; row <= range.ToRow; row++)
            {
                if (!fill.TryGetValue(row, out var spans))
                {
                    spans = [];
                    fill.Add(row, spans);
                }

                spans.Add(new FillSpan(range.FromColumn, range.ToColumn, style, row == range.FromRow, range.ToRow - range.FromRow + 1));
            }
        }

        return fill;
    }

    private CellStyle StyleAt(int row, int column)
    {
        if (rows.TryGetValue(row, out var found))
        {
            var cells = found.Cells;
            var index = BinarySearch(cells, column);
            if (index >= 0)
            {
                return cells[index].Style;
            }
        }

        return CellStyle.Default;
    }

    /// <summary>The written cells of a row plus blank cells filling merged ranges, in column order.</summary>
    private void CellsToWrite(int rowIndex, XlsxRow? row, Dictionary<int, List<FillSpan>> fill, List<XlsxCell> result)
    {
        result.Clear();
        var written = row?.Cells ?? [];
        if (!fill.TryGetValue(rowIndex, out var spans))
        {
            result.AddRange(written);
            return;
        }

        result.AddRange(written);
        foreach (var (from, to, style, isFirstRow, _) in spans)
        {
            for (var column = from; column <= to; column++)
            {
                var index = BinarySearch(written, column);
                if (index < 0)
                {
                    result.Add(new XlsxCell(column, style, null, null));
                }
                else if (!(isFirstRow && column == from) && !written[index].IsBlank)
                {
                    throw new InvalidOperationException(
                        $"シート「{Name}」のセル {XlsxText.CellReference(rowIndex, column)} は結合範囲の左上以外にあり、値を持てません。");
                }
            }
        }

        result.Sort(XlsxCell.ByColumn);
    }

    /// <summary>
    /// The height the row's texts need (from column widths and merged widths), or null when one line of body text
    /// fits, since neither Excel nor LibreOffice fits rows of wrapped text when an .xlsx file is opened.
    /// Texts of ranges merged over several rows are left to the caller (<see cref="XlsxRow.EstimateHeight"/>).
    /// </summary>
    private double? EstimatedHeight(int rowIndex, List<XlsxCell> cells, Dictionary<int, List<FillSpan>> fill)
    {
        fill.TryGetValue(rowIndex, out var spans);
        var tallest = 0.0;
        foreach (var cell in cells)
        {
            if (cell.Text is null)
            {
                continue;
            }

            var width = columnWidths.GetValueOrDefault(cell.Column, DefaultColumnWidth);
            var merged = spans?.FindIndex(s => s.IsFirstRow && s.From == cell.Column) ?? -1;
            if (merged >= 0)
            {
                var span = spans![merged];
                if (span.RowSpan > 1)
                {
                    continue;
                }

                for (var column = span.From + 1; column <= span.To; column++)
                {
                    width += columnWidths.GetValueOrDefault(column, DefaultColumnWidth);
                }
            }

            tallest = Math.Max(tallest, XlsxRow.EstimateHeightOf(cell.Text, width, cell.Style));
        }

        return tallest > DefaultRowHeight ? tallest : null;
    }

    private static int BinarySearch(IReadOnlyList<XlsxCell> cells, int column)
    {
        int low = 0, high = cells.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = cells[middle].Column;
            if (found == column)
            {
                return middle;
            }

            if (found < column)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private string Dimension(List<int> rowIndexes, Dictionary<int, List<FillSpan>> fill)
    {
        if (rowIndexes.Count == 0)
        {
            return "A1";
        }

        int minColumn = int.MaxValue, maxColumn = 0;
        foreach (var row in rows.Values)
        {
            if (row.Cells.Count > 0)
            {
                minColumn = Math.Min(minColumn, row.Cells[0].Column);
                maxColumn = Math.Max(maxColumn, row.Cells[^1].Column);
            }
        }

        foreach (var span in fill.Values.SelectMany(s => s))
        {
            minColumn = Math.Min(minColumn, span.From);
            maxColumn = Math.Max(maxColumn, span.To);
        }

        if (maxColumn == 0)
        {
            return "A1";
        }

        return XlsxText.CellReference(rowIndexes[0], minColumn) + ":" + XlsxText.CellReference(rowIndexes[^1], maxColumn);
    }

    private SheetView SheetView(bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (selected)
        {
            view.TabSelected = true;
        }

        if (FrozenRows == 0 && FrozenColumns == 0)
        {
            return view;
        }

        var topLeft = XlsxText.CellReference(FrozenRows + 1, FrozenColumns + 1);
        var pane = (FrozenRows > 0, FrozenColumns > 0) switch
        {
            (true, true) => PaneValues.BottomRight,
            (true, false) => PaneValues.BottomLeft,
            _ => PaneValues.TopRight,
        };
        var paneElement = new Pane { TopLeftCell = topLeft, ActivePane = pane, State = PaneStateValues.Frozen };
        if (FrozenColumns > 0)
        {
            paneElement.HorizontalSplit = FrozenColumns;
        }

        if (FrozenRows > 0)
        {
            paneElement.VerticalSplit = FrozenRows;
        }

        view.Append(paneElement, new Selection { Pane = pane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue>([new StringValue(topLeft)]) });
        return view;
    }

    /// <summary>The columns of one merged range on one row; the top-left cell is on the range's first row.</summary>
    private readonly record struct FillSpan(int From, int To, CellStyle Style, bool IsFirstRow, int RowSpan);

    private readonly record struct MergedRange(int FromRow, int FromColumn, int ToRow, int ToColumn)
    {
        public IEnumerable<(int Row, int Column)> Cells()
        {
            for (var row = FromRow; row <= ToRow; row++)
            {
                for (var column = FromColumn; column <= ToColumn; column++)
                {
                    yield return (row, column);
                }
            }
        }

        public override string ToString() =>
            XlsxText.CellReference(FromRow, FromColumn) + ":" + XlsxText.CellReference(ToRow, ToColumn);
    }
}
