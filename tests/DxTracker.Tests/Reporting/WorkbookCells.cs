using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DxTracker.Tests.Reporting;

/// <summary>
/// A cell as a reader sees it: sheet, reference, type (s: text, n: number), the value (text as Excel shows it) and the
/// number format id of its style (9: 0%, 165: 0.0%).
/// </summary>
public sealed record WorkbookCell(string Sheet, string Reference, string Type, string Value, uint NumberFormat)
{
    /// <summary>The value as it shows: percentages as 11% or 51.9%, other values as stored.</summary>
    public string Shown => (Type, NumberFormat) switch
    {
        ("n", 9) => decimal.Round(Number * 100).ToString(CultureInfo.InvariantCulture) + "%",
        ("n", 165) => (Number * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => Value,
    };

    public int Row => int.Parse(Reference.AsSpan(Reference.AsSpan().IndexOfAnyInRange('0', '9')), CultureInfo.InvariantCulture);

    public string Column => Reference[..Reference.AsSpan().IndexOfAnyInRange('0', '9')];

    public decimal Number => decimal.Parse(Value, CultureInfo.InvariantCulture);

    /// <summary>One line of the golden file: tab-separated, with \, tab and line breaks escaped.</summary>
    public string ToLine() => string.Join('\t', Sheet, Reference, Type, Escape(Value));

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}

/// <summary>Reads what a generated workbook holds, with the Open XML SDK as an independent reader.</summary>
public sealed class WorkbookCells : IDisposable
{
    private readonly SpreadsheetDocument document;

    public WorkbookCells(byte[] bytes)
    {
        Bytes = bytes;
        document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sharedStrings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => Decode(s.InnerText)).ToList() ?? [];
        var formats = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToList();
        var cells = new List<WorkbookCell>();
        foreach (var sheet in document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = Worksheet(sheet.Name!);
            foreach (var cell in worksheet.Descendants<Cell>())
            {
                if (cell.CellValue is null)
                {
                    continue;
                }

                var isText = cell.DataType?.Value == CellValues.SharedString;
                var value = isText ? sharedStrings[int.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture)] : cell.CellValue.Text;
                cells.Add(new WorkbookCell(sheet.Name!, cell.CellReference!, isText ? "s" : "n", value, formats[(int)(cell.StyleIndex?.Value ?? 0)]));
            }
        }

        Cells = cells;
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<WorkbookCell> Cells { get; }

    public IReadOnlyList<string> SheetNames => document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public WorkbookDocumentAccess Raw => new(document);

    public IEnumerable<WorkbookCell> Of(string sheet) => Cells.Where(c => c.Sheet == sheet);

    public WorkbookCell? At(string sheet, string reference) => Cells.SingleOrDefault(c => c.Sheet == sheet && c.Reference == reference);

    public string Text(string sheet, string reference) => At(sheet, reference)?.Value ?? string.Empty;

    public Worksheet Worksheet(string name)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!)).Worksheet;
    }

    public IReadOnlyList<string> MergedRanges(string sheet) =>
        Worksheet(sheet).Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();

    public CellFormat FormatOf(string sheet, string reference)
    {
        var cell = Worksheet(sheet).Descendants<Cell>().Single(c => c.CellReference == reference);
        return document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
    }

    public List<string> ValidationErrors() =>
        new OpenXmlValidator(FileFormatVersions.Microsoft365)
            .Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

    public void Dispose() => document.Dispose();

    /// <summary>The text as Excel shows it: <c>_xHHHH_</c> escapes decoded.</summary>
    public static string Decode(string stored)
    {
        if (!stored.Contains("_x", StringComparison.Ordinal))
        {
            return stored;
        }

        var builder = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] == '_' && i + 6 < stored.Length && stored[i + 1] == 'x' && stored[i + 6] == '_'
                && int.TryParse(stored.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 6;
            }
            else
            {
                builder.Append(stored[i]);
            }
        }

        return builder.ToString();
    }
}

/// <summary>The parts of the package a test may need beyond the cells.</summary>
public sealed record WorkbookDocumentAccess(SpreadsheetDocument Document)
{
    public Workbook Workbook => Document.WorkbookPart!.Workbook;
}
