using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DxTracker.Web.Reporting.Xlsx;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The text of every cell of one worksheet, as Excel shows it, and its merged ranges.</summary>
internal sealed class SheetCells
{
    private readonly Dictionary<(int Row, int Column), string> cells = [];
    private readonly Dictionary<int, int> lastColumns = [];

    private SheetCells() { }

    public int LastRow { get; private set; }

    public List<(int FromRow, int FromColumn, int ToRow, int ToColumn)> Merges { get; } = [];

    public int LastColumn(int row) => lastColumns.GetValueOrDefault(row);

    /// <summary>The cell's text with line breaks as \n; empty for a blank or missing cell.</summary>
    public string Text(int row, int column) => cells.GetValueOrDefault((row, column), string.Empty);

    /// <summary>
    /// The sheet named <paramref name="name"/>, or null when the workbook has none. The shared strings and the sheet are
    /// read by streaming (<see cref="OpenXmlReader"/>), one cell or string item at a time: what is held is the cells'
    /// text, not the parts' XML trees (which take several times the part's size), so an uploaded workbook within
    /// <see cref="UploadedWorkbookCheck"/>'s limits is read in bounded memory.
    /// </summary>
    public static SheetCells? Load(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart;
        var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value?.Trim() == name);
        if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return null;
        }
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is { } sharedPart)
        {
            foreach (var item in Elements<SharedStringItem>(sharedPart))
            {
                shared.Add(PlainText(item));
            }
        }
        var result = new SheetCells();
        var rowIndex = 0;
        var columnIndex = 0;
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Row))
            {
                rowIndex = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : rowIndex + 1;
                columnIndex = 0;
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(Cell))
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                columnIndex = cell.CellReference?.Value is { } reference ? Parse(reference).Column : columnIndex + 1;
                result.Add(rowIndex, columnIndex, ValueOf(cell, shared));
                // LoadCurrentElement has moved the reader on to the next element already.
                more = !reader.EOF;
                continue;
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(MergeCell))
            {
                var range = ((MergeCell)reader.LoadCurrentElement()!).Reference?.Value?.Split(':');
                if (range is { Length: 2 })
                {
                    var from = Parse(range[0]);
                    var to = Parse(range[1]);
                    result.Merges.Add((from.Row, from.Column, to.Row, to.Column));
                    result.LastRow = Math.Max(result.LastRow, to.Row);
                }
                more = !reader.EOF;
                continue;
            }
            more = reader.Read();
        }
        result.Merges.Sort();
        return result;
    }

    /// <summary>A, B, … Z, AA …</summary>
    public static string ColumnName(int column)
    {
        var name = new StringBuilder();
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name.Insert(0, (char)('A' + ((n - 1) % 26)));
        }
        return name.ToString();
    }

    public static string Reference(int row, int column) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static (int Row, int Column) Parse(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        return (int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0, column);
    }

    private static string ValueOf(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var text = cell.DataType?.Value switch
        {
            _ when cell.DataType is null => Number(raw),
            var t when t == CellValues.SharedString => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : string.Empty,
            var t when t == CellValues.InlineString => cell.InlineString is { } inline ? PlainText(inline) : raw,
            var t when t == CellValues.Number => Number(raw),
            var t when t == CellValues.Boolean => raw == "1" ? "TRUE" : "FALSE",
            _ => raw,
        };
        return Clean(text);
    }

    private void Add(int row, int column, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        cells[(row, column)] = text;
        lastColumns[row] = Math.Max(lastColumns.GetValueOrDefault(row), column);
        LastRow = Math.Max(LastRow, row);
    }

    /// <summary>The part's elements of one type, each loaded alone as the reader reaches it.</summary>
    private static IEnumerable<T> Elements<T>(OpenXmlPart part)
        where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(T))
            {
                yield return (T)reader.LoadCurrentElement()!;
                more = !reader.EOF;
                continue;
            }
            more = reader.Read();
        }
    }

    /// <summary>Whole numbers as Excel shows them in a General cell (1, not 1.0).</summary>
    private static string Number(string raw) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.############################", CultureInfo.InvariantCulture)
            : raw;

    /// <summary>The text of a string item without its phonetic guide (ふりがな, rPh), which Excel keeps beside Japanese text.</summary>
    private static string PlainText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain)
        {
            return plain.Text;
        }
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? string.Empty));
    }

    /// <summary>The text as Excel shows it (<c>_xHHHH_</c> decoded, <c>_x000D_</c> among them), with LF line breaks.</summary>
    private static string Clean(string text) =>
        XlsxText.DecodeFromXlsx(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
