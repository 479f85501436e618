using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>Changes a workbook the way a person editing it in Excel would: a cell's text, a cleared cell, a merged range.</summary>
public static class WorkbookEdits
{
    public static byte[] Edit(byte[] workbook, string sheetName, Action<Worksheet> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            edit(worksheet);
            worksheet.Save();
        }
        return stream.ToArray();
    }

    public static byte[] SetText(byte[] workbook, string sheetName, string reference, string text) => Edit(workbook, sheetName, worksheet =>
    {
        var cell = Cell(worksheet, reference);
        cell.DataType = CellValues.InlineString;
        cell.CellValue = null;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    });

    public static byte[] Clear(byte[] workbook, string sheetName, string reference) => Edit(workbook, sheetName, worksheet => Cell(worksheet, reference).Remove());

    public static byte[] Merge(byte[] workbook, string sheetName, string range) => Edit(workbook, sheetName, worksheet =>
    {
        var merges = worksheet.Elements<MergeCells>().FirstOrDefault();
        if (merges is null)
        {
            merges = new MergeCells();
            worksheet.InsertAfter(merges, worksheet.Elements<SheetData>().Single());
        }
        merges.Append(new MergeCell { Reference = range });
        merges.Count = (uint)merges.Elements<MergeCell>().Count();
    });

    private static Cell Cell(Worksheet worksheet, string reference)
    {
        var rowIndex = uint.Parse(reference.AsSpan(reference.AsSpan().IndexOfAnyInRange('0', '9')), System.Globalization.CultureInfo.InvariantCulture);
        var data = worksheet.GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex! == rowIndex);
        if (row is null)
        {
            row = new Row { RowIndex = rowIndex };
            data.Append(row);
        }
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(Column(c.CellReference!), Column(reference)) < 0 && Column(c.CellReference!).Length <= Column(reference).Length);
            if (after is null)
            {
                row.PrependChild(cell);
            }
            else
            {
                row.InsertAfter(cell, after);
            }
        }
        return cell;
    }

    private static string Column(string reference) => reference[..reference.AsSpan().IndexOfAnyInRange('0', '9')];
}
