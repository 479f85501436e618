using System.Drawing;
using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;
using DxTracker.Web.Reporting.Xlsx;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using Style = SpreadCheetah.Styling.Style;

namespace DxTracker.Benchmarks;

/// <summary>
/// The synthetic annual workbook written by DxTracker's own writer, by SpreadCheetah and by ClosedXML 0.95.4, in one run
/// so that the ratios hold (issue 16). Every method builds the report's cells first (<see cref="AnnualReportWorkbook.Build"/>,
/// also measured alone); SpreadCheetah and ClosedXML then write the same sheets, rows, cells (text or number), styles
/// (font, bold, fill, borders, wrap, alignment, number format), row heights, column widths, merges and frozen rows.
/// What they cannot or do not write: SpreadCheetah has no print setup (print titles, fit to width, header/footer, page
/// breaks); ClosedXML gets the print titles, orientation and fit to width.
/// </summary>
public class WorkbookLibraryBenchmarks
{
    private AnnualReportModel model = null!;

    [Params(500, 5000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => model = SyntheticReportModel.Create(Items, kpisPerItem: 3, years: 8);

    [Benchmark]
    public int BuildCellsOnly() => AnnualReportWorkbook.Build(model).Sheets.Count;

    [Benchmark(Baseline = true)]
    public int DxTrackerWriter() => AnnualReportWorkbook.Build(model).ToArray().Length;

    [Benchmark]
    public async Task<long> SpreadCheetahWriter()
    {
        var book = AnnualReportWorkbook.Build(model);
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, new SpreadCheetahOptions { CompressionLevel = SpreadCheetahCompressionLevel.Fastest }))
        {
            var styles = Enum.GetValues<CellStyle>().ToDictionary(s => s, s => spreadsheet.AddStyle(CheetahStyle(s)));
            foreach (var sheet in book.Sheets)
            {
                var options = new WorksheetOptions { FrozenRows = sheet.FrozenRows > 0 ? sheet.FrozenRows : null };
                foreach (var (column, width) in sheet.ColumnWidths)
                {
                    options.Column(column).Width = width;
                }

                await spreadsheet.StartWorksheetAsync(sheet.Name, options);
                var next = 1;
                foreach (var row in sheet.RowsInOrder())
                {
                    for (; next < row.Index; next++)
                    {
                        await spreadsheet.AddRowAsync(Array.Empty<Cell>());
                    }

                    var cells = new Cell[row.Cells.Count == 0 ? 0 : row.Cells.Max(c => c.Column)];
                    foreach (var cell in row.Cells)
                    {
                        cells[cell.Column - 1] = cell.Number is { } number ? new Cell(number, styles[cell.Style]) : new Cell(cell.Text, styles[cell.Style]);
                    }

                    await spreadsheet.AddRowAsync(cells, new RowOptions { Height = row.HeightInPoints });
                    next++;
                }

                foreach (var (fromRow, fromColumn, toRow, toColumn) in sheet.MergedRanges())
                {
                    spreadsheet.MergeCells(XlsxText.CellReference(fromRow, fromColumn) + ":" + XlsxText.CellReference(toRow, toColumn));
                }
            }

            await spreadsheet.FinishAsync();
        }

        return stream.Length;
    }

    [Benchmark]
    public long ClosedXmlWriter()
    {
        var book = AnnualReportWorkbook.Build(model);
        using var workbook = new XLWorkbook();
        foreach (var sheet in book.Sheets)
        {
            var worksheet = workbook.Worksheets.Add(sheet.Name);
            foreach (var (column, width) in sheet.ColumnWidths)
            {
                worksheet.Column(column).Width = width;
            }

            foreach (var row in sheet.RowsInOrder())
            {
                if (row.HeightInPoints is { } height)
                {
                    worksheet.Row(row.Index).Height = height;
                }

                foreach (var cell in row.Cells)
                {
                    var target = worksheet.Cell(row.Index, cell.Column);
                    if (cell.Number is { } number)
                    {
                        target.SetValue(number);
                    }
                    else if (cell.Text is not null)
                    {
                        target.SetValue(cell.Text);
                    }

                    ApplyClosedXmlStyle(target.Style, cell.Style);
                }
            }

            foreach (var (fromRow, fromColumn, toRow, toColumn) in sheet.MergedRanges())
            {
                worksheet.Range(fromRow, fromColumn, toRow, toColumn).Merge();
            }

            if (sheet.FrozenRows > 0)
            {
                worksheet.SheetView.FreezeRows(sheet.FrozenRows);
            }

            if (sheet.PrintTitleRows is var (from, to))
            {
                worksheet.PageSetup.SetRowsToRepeatAtTop(from, to);
            }

            worksheet.PageSetup.PageOrientation = sheet.Orientation == PageOrientation.Landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
            worksheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
            if (sheet.FitToWidth)
            {
                worksheet.PageSetup.FitToPages(1, 0);
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.Length;
    }

    private static bool Bold(CellStyle style) => style is CellStyle.Title or CellStyle.Header or CellStyle.GroupHeader or CellStyle.Heading;

    private static bool Bordered(CellStyle style) => style is not (CellStyle.Title or CellStyle.Plain or CellStyle.Note or CellStyle.Heading);

    private static string? NumberFormatOf(CellStyle style) => style switch
    {
        CellStyle.WholeNumber => "#,##0",
        CellStyle.DecimalNumber => "#,##0.0##",
        CellStyle.Percent => "0%",
        CellStyle.PercentOneDecimal => "0.0%",
        _ => null,
    };

    private static Color? FillOf(CellStyle style) => style switch
    {
        CellStyle.Header => Color.FromArgb(0xD9, 0xD9, 0xD9),
        CellStyle.GroupHeader => Color.FromArgb(0xF2, 0xF2, 0xF2),
        _ => null,
    };

    private static Style CheetahStyle(CellStyle style)
    {
        var result = new Style();
        result.Font.Name = XlsxStyles.FontName;
        result.Font.Size = XlsxStyles.FontSizeOf(style);
        result.Font.Bold = Bold(style);
        result.Alignment.WrapText = XlsxStyles.Wraps(style);
        result.Alignment.Vertical = SpreadCheetah.Styling.VerticalAlignment.Top;
        if (style is CellStyle.Header or CellStyle.Centered)
        {
            result.Alignment.Horizontal = SpreadCheetah.Styling.HorizontalAlignment.Center;
        }

        if (FillOf(style) is { } fill)
        {
            result.Fill.Color = fill;
        }

        if (NumberFormatOf(style) is { } format)
        {
            result.Format = NumberFormat.Custom(format);
        }

        if (Bordered(style))
        {
            result.Border.Left.BorderStyle = SpreadCheetah.Styling.BorderStyle.Thin;
            result.Border.Right.BorderStyle = SpreadCheetah.Styling.BorderStyle.Thin;
            result.Border.Top.BorderStyle = style is CellStyle.ContinuedMiddle or CellStyle.ContinuedLast ? SpreadCheetah.Styling.BorderStyle.None : SpreadCheetah.Styling.BorderStyle.Thin;
            result.Border.Bottom.BorderStyle = style is CellStyle.ContinuedFirst or CellStyle.ContinuedMiddle ? SpreadCheetah.Styling.BorderStyle.None : SpreadCheetah.Styling.BorderStyle.Thin;
        }

        return result;
    }

    private static void ApplyClosedXmlStyle(IXLStyle target, CellStyle style)
    {
        target.Font.FontName = XlsxStyles.FontName;
        target.Font.FontSize = XlsxStyles.FontSizeOf(style);
        target.Font.Bold = Bold(style);
        target.Alignment.WrapText = XlsxStyles.Wraps(style);
        target.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        if (style is CellStyle.Header or CellStyle.Centered)
        {
            target.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }

        if (FillOf(style) is { } fill)
        {
            target.Fill.BackgroundColor = XLColor.FromColor(fill);
        }

        if (NumberFormatOf(style) is { } format)
        {
            target.NumberFormat.Format = format;
        }

        if (Bordered(style))
        {
            target.Border.LeftBorder = XLBorderStyleValues.Thin;
            target.Border.RightBorder = XLBorderStyleValues.Thin;
            target.Border.TopBorder = style is CellStyle.ContinuedMiddle or CellStyle.ContinuedLast ? XLBorderStyleValues.None : XLBorderStyleValues.Thin;
            target.Border.BottomBorder = style is CellStyle.ContinuedFirst or CellStyle.ContinuedMiddle ? XLBorderStyleValues.None : XLBorderStyleValues.Thin;
        }
    }
}
