using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DxTracker.Web.Reporting.Xlsx;
using CellStyle = DxTracker.Web.Reporting.Xlsx.CellStyle;

namespace DxTracker.Tests.Reporting;

public sealed class XlsxWorkbookTests
{
    private const string LongMarker = "…（以下省略）";

    [Theory]
    [InlineData(1, 1, "A1")]
    [InlineData(4, 2, "B4")]
    [InlineData(10, 26, "Z10")]
    [InlineData(10, 27, "AA10")]
    [InlineData(3, 52, "AZ3")]
    [InlineData(7, 703, "AAA7")]
    [InlineData(1048576, 16384, "XFD1048576")]
    public void Cell_references_name_the_column_in_letters_and_the_row_in_digits(int row, int column, string expected)
    {
        Assert.Equal(expected, XlsxText.CellReference(row, column));
        Assert.Equal(expected, XlsxText.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture));
    }

    // --- Round trip ---------------------------------------------------------------------------------------------

    [Fact]
    public void The_package_is_written_part_by_part_with_its_properties_and_each_part_once()
    {
        var bytes = TwoSheetWorkbook().ToArray();

        // System.IO.Packaging, the reader under the SDK and many others, finds every part by its relationships.
        using (var package = System.IO.Packaging.Package.Open(new MemoryStream(bytes), FileMode.Open, FileAccess.Read))
        {
            Assert.Equal("取組実績（令和2年度）", package.PackageProperties.Title);
            Assert.Equal("ja-JP", package.PackageProperties.Language);
            Assert.Equal(
                ["/docProps/core.xml", "/xl/sharedStrings.xml", "/xl/styles.xml", "/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml"],
                package.GetParts().Select(p => p.Uri.OriginalString).Where(u => !u.EndsWith(".rels", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        Assert.Equal(zip.Entries.Count, zip.Entries.Select(e => e.FullName).Distinct().Count());
        using var document = Open(bytes);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document));
    }


    [Fact]
    public void Round_trip_keeps_sheet_names_values_and_cell_types()
    {
        using var document = Open(TwoSheetWorkbook().ToArray());

        Assert.Equal(["自己評価結果", "取組実績一覧"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));

        var summary = Worksheet(document, "自己評価結果");
        Assert.Equal("「徳島市情報化基本計画」の取組実績（令和2年度）", TextAt(document, summary, "A1"));
        Assert.Equal("評価", TextAt(document, summary, "A3"));
        Assert.Equal("S", TextAt(document, summary, "A4"));
        Assert.Equal("目標を大きく上回って達成", TextAt(document, summary, "B4"));

        var count = CellAt(summary, "C4");
        Assert.True(count.DataType is null || count.DataType.Value == CellValues.Number);
        Assert.Equal("3", count.CellValue!.Text);
        Assert.Equal(3u, Format(document, count).NumberFormatId!.Value);

        var share = CellAt(summary, "D4");
        Assert.Equal(0.11m, decimal.Parse(share.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(9u, Format(document, share).NumberFormatId!.Value);

        var decimalNumber = CellAt(summary, "E4");
        Assert.Equal("1234.5", decimalNumber.CellValue!.Text);
        Assert.Equal(CellValues.SharedString, CellAt(summary, "A4").DataType!.Value);

        var list = Worksheet(document, "取組実績一覧");
        Assert.Equal("取組方針1「市民サービスの向上」", TextAt(document, list, "A3"));
        Assert.Equal("【電子申請件数：1,200件】\n年度内に20手続を追加", TextAt(document, list, "C4"));
        Assert.Equal("A", TextAt(document, list, "E4"));
    }

    [Fact]
    public void Round_trip_keeps_merges_column_widths_and_row_heights()
    {
        using var document = Open(TwoSheetWorkbook().ToArray());
        var list = Worksheet(document, "取組実績一覧");

        Assert.Equal(["A1:G1", "A3:G3"], list.Descendants<MergeCell>().Select(m => m.Reference!.Value));
        var widths = list.Descendants<Column>().Select(c => (c.Min!.Value, c.Max!.Value, c.Width!.Value, c.CustomWidth!.Value));
        Assert.Equal([(1u, 1u, 6d, true), (2u, 2u, 30d, true), (3u, 3u, 50d, true), (4u, 4u, 50d, true), (5u, 5u, 10d, true), (6u, 6u, 40d, true), (7u, 7u, 20d, true)], widths);

        var titleRow = list.Descendants<Row>().Single(r => r.RowIndex!.Value == 1);
        Assert.Equal(30d, titleRow.Height!.Value);
        Assert.True(titleRow.CustomHeight!.Value);

        // The cells covered by a merged range take the top-left cell's style, so its borders and fill cover the range.
        var groupRow = list.Descendants<Row>().Single(r => r.RowIndex!.Value == 3);
        Assert.Equal(["A3", "B3", "C3", "D3", "E3", "F3", "G3"], groupRow.Elements<Cell>().Select(c => c.CellReference!.Value));
        Assert.Single(groupRow.Elements<Cell>().Select(c => c.StyleIndex!.Value).Distinct());
    }

    [Fact]
    public void Round_trip_keeps_freeze_pane_print_titles_page_setup_and_footer()
    {
        using var document = Open(TwoSheetWorkbook().ToArray());
        var list = Worksheet(document, "取組実績一覧");

        var pane = list.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(2d, pane.VerticalSplit!.Value);
        Assert.Null(pane.HorizontalSplit);
        Assert.Equal("A3", pane.TopLeftCell!.Value);
        Assert.Equal(PaneValues.BottomLeft, pane.ActivePane!.Value);

        var printTitles = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal("_xlnm.Print_Titles", printTitles.Name!.Value);
        Assert.Equal(1u, printTitles.LocalSheetId!.Value); // the second sheet
        Assert.Equal("'取組実績一覧'!$2:$2", printTitles.Text);

        var pageSetup = list.Descendants<PageSetup>().Single();
        Assert.Equal(9u, pageSetup.PaperSize!.Value);
        Assert.Equal(OrientationValues.Landscape, pageSetup.Orientation!.Value);
        Assert.Equal(1u, pageSetup.FitToWidth!.Value);
        Assert.Equal(0u, pageSetup.FitToHeight!.Value);
        Assert.True(list.SheetProperties!.PageSetupProperties!.FitToPage!.Value);
        Assert.NotNull(list.Descendants<PageMargins>().SingleOrDefault());

        Assert.Equal("&C- &P -", list.Descendants<OddFooter>().Single().Text);

        // The first sheet: portrait, no fitting, frozen rows and columns.
        var summary = Worksheet(document, "自己評価結果");
        var summaryPageSetup = summary.Descendants<PageSetup>().Single();
        Assert.Equal(OrientationValues.Portrait, summaryPageSetup.Orientation!.Value);
        Assert.Null(summaryPageSetup.FitToWidth);
        Assert.Null(summary.SheetProperties);
        var summaryPane = summary.Descendants<Pane>().Single();
        Assert.Equal((3d, 1d, "B4", PaneValues.BottomRight), (summaryPane.VerticalSplit!.Value, summaryPane.HorizontalSplit!.Value, summaryPane.TopLeftCell!.Value, summaryPane.ActivePane!.Value));
    }

    [Fact]
    public void Stylesheet_uses_the_japanese_font_everywhere_and_defines_each_style()
    {
        using var document = Open(TwoSheetWorkbook().ToArray());
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        Assert.All(stylesheet.Fonts!.Elements<Font>(), f => Assert.Equal("游ゴシック", f.FontName!.Val!.Value));
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal(1 + (2 * Enum.GetValues<CellStyle>().Length), formats.Count);
        Assert.Contains(stylesheet.NumberingFormats!.Elements<NumberingFormat>(), f => f.NumberFormatId!.Value == 164);

        var summary = Worksheet(document, "自己評価結果");
        var header = Format(document, CellAt(summary, "A3"));
        Assert.Equal(HorizontalAlignmentValues.Center, header.Alignment!.Horizontal!.Value);
        Assert.True(header.Alignment.WrapText!.Value);
        Assert.NotEqual(0u, header.FillId!.Value);
        Assert.NotEqual(0u, header.BorderId!.Value);
        Assert.NotNull(stylesheet.Fonts!.Elements<Font>().ElementAt((int)header.FontId!.Value).Bold);

        var body = Format(document, CellAt(summary, "B4"));
        Assert.True(body.Alignment!.WrapText!.Value);
        Assert.Equal(VerticalAlignmentValues.Top, body.Alignment.Vertical!.Value);
        Assert.Null(body.QuotePrefix);
    }

    // --- Text is always text ------------------------------------------------------------------------------------

    [Fact]
    public void Formula_like_text_is_written_as_string_cells_with_quote_prefix_and_no_formula_anywhere()
    {
        string[] formulas = ["=1+1", "+81-3-1234-5678", "-2+3", "@SUM(A1:A2)", "-5", "＝ＳＵＭ（Ａ１）", "=HYPERLINK(\"http://example.invalid\")"];
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("式");
        for (var i = 0; i < formulas.Length; i++)
        {
            sheet.Row(i + 1).Text(1, formulas[i]).Text(2, "普通の文");
        }

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "式");
        for (var i = 0; i < formulas.Length; i++)
        {
            var cell = CellAt(worksheet, "A" + (i + 1).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
            Assert.Equal(formulas[i], TextAt(document, worksheet, cell.CellReference!.Value!));
            Assert.True(Format(document, cell).QuotePrefix!.Value);
            Assert.Null(Format(document, CellAt(worksheet, "B" + (i + 1).ToString(CultureInfo.InvariantCulture))).QuotePrefix);
        }

        Assert.Empty(worksheet.Descendants<CellFormula>());
        Assert.Null(document.WorkbookPart!.CalculationChainPart);
        Assert.Empty(Validate(bytes));
    }

    // --- Characters XML cannot hold -----------------------------------------------------------------------------

    [Fact]
    public void Control_characters_and_unpaired_surrogates_are_removed_while_tab_and_newline_are_kept()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("制御\u0001文字\u001F");
        sheet.Row(1).Text(1, "a\u0001b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i\uDC00j\tk\nl\u0000m");
        sheet.Row(2).Text(1, "行1\r\n行2\r行3");
        sheet.Row(3).Text(1, "𠮷野家\uD83D"); // a valid pair (U+20BB7) is kept, a lone high surrogate at the end is not

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "制御文字");
        Assert.Equal("abcdefghij\tk\nlm", TextAt(document, worksheet, "A1"));
        Assert.Equal("行1\n行2\n行3", TextAt(document, worksheet, "A2"));
        Assert.Equal("𠮷野家", TextAt(document, worksheet, "A3"));
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public void Text_that_looks_like_an_excel_escape_comes_back_as_written()
    {
        var book = new XlsxWorkbook();
        book.AddSheet("エスケープ").Row(1).Text(1, "_x0041_ と _x005F_ と _xZZZZ_ と _x41_");

        using var document = Open(book.ToArray());
        var stored = SharedStringAt(document, Worksheet(document, "エスケープ"), "A1");

        Assert.Equal("_x005F_x0041_ と _x005F_x005F_ と _xZZZZ_ と _x41_", stored);
        Assert.Equal("_x0041_ と _x005F_ と _xZZZZ_ と _x41_", WorkbookCells.Decode(stored));
    }

    // --- Limits -------------------------------------------------------------------------------------------------

    [Fact]
    public void Text_longer_than_the_cell_limit_is_cut_with_a_marker()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("長文");
        var exact = new string('あ', 32_767);
        sheet.Row(1).Text(1, new string('あ', 40_000));
        sheet.Row(2).Text(1, exact);
        // A surrogate pair straddling the cut is dropped whole, never split.
        sheet.Row(3).Text(1, new string('a', 32_767 - LongMarker.Length - 1) + "𠮷" + new string('b', 100));

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "長文");
        var cut = TextAt(document, worksheet, "A1");
        Assert.Equal(32_767, cut.Length);
        Assert.EndsWith("あ" + LongMarker, cut, StringComparison.Ordinal);
        Assert.Equal(exact, TextAt(document, worksheet, "A2"));
        var pair = TextAt(document, worksheet, "A3");
        Assert.Equal(32_766, pair.Length);
        Assert.EndsWith("a" + LongMarker, pair, StringComparison.Ordinal);
        Assert.Empty(Validate(bytes));
    }

    [Theory]
    [InlineData("自己評価結果", "自己評価結果")]
    [InlineData("取組内容/目標", "取組内容／目標")]
    [InlineData("[a]:b*c?d\\e", "［a］：b＊c？d＼e")]
    [InlineData("'引用'", "引用")]
    [InlineData("  前後の空白  ", "前後の空白")]
    [InlineData("改行\n入り\t名前\u0007", "改行 入り 名前")]
    [InlineData("", "Sheet1")]
    [InlineData(null, "Sheet1")]
    [InlineData("\u0001\u0002", "Sheet1")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")]
    [InlineData("History", "History (2)")]
    public void Sheet_names_are_made_acceptable_to_excel(string? wanted, string expected)
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet(wanted);

        Assert.Equal(expected, sheet.Name);
        Assert.True(sheet.Name.Length <= 31);
        var bytes = book.ToArray();
        using var document = Open(bytes);
        Assert.Equal(expected, document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public void Duplicate_and_overlong_sheet_names_get_a_number_within_31_characters()
    {
        var book = new XlsxWorkbook();
        var longName = new string('長', 40);

        Assert.Equal("一覧", book.AddSheet("一覧").Name);
        Assert.Equal("一覧 (2)", book.AddSheet("一覧").Name);
        Assert.Equal("ABC", book.AddSheet("ABC").Name);
        Assert.Equal("abc (2)", book.AddSheet("abc").Name);
        Assert.Equal(new string('長', 31), book.AddSheet(longName).Name);
        Assert.Equal(new string('長', 27) + " (2)", book.AddSheet(longName).Name);
        Assert.Equal("Sheet7", book.AddSheet(" ").Name);
        Assert.Empty(Validate(book.ToArray()));
    }

    [Fact]
    public void Print_titles_quote_sheet_names_with_apostrophes()
    {
        var book = new XlsxWorkbook();
        book.AddSheet("市民's 一覧").RepeatRowsOnEachPage(2, 3);

        var bytes = book.ToArray();
        using var document = Open(bytes);
        Assert.Equal("'市民''s 一覧'!$2:$3", document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single().Text);
        Assert.Equal(0u, document.WorkbookPart.Workbook.DefinedNames.Elements<DefinedName>().Single().LocalSheetId!.Value);
        Assert.Empty(Validate(bytes));
    }

    // --- Ordering and merges ------------------------------------------------------------------------------------

    [Fact]
    public void Rows_and_cells_written_out_of_order_are_saved_sorted_and_rewriting_a_cell_replaces_it()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("順序");
        sheet.Row(10).Text(3, "C10").Text(1, "A10").Text(28, "AB10").Text(2, "B10");
        sheet.Row(2).Number(2, 2).Text(1, "古い");
        sheet.Row(2).Text(1, "新しい");

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "順序");
        Assert.Equal([2u, 10u], worksheet.Descendants<Row>().Select(r => r.RowIndex!.Value));
        Assert.Equal(["A10", "B10", "C10", "AB10"], worksheet.Descendants<Row>().Last().Elements<Cell>().Select(c => c.CellReference!.Value));
        Assert.Equal("新しい", TextAt(document, worksheet, "A2"));
        Assert.Equal("A2:AB10", worksheet.SheetDimension!.Reference!.Value);
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public void Overlapping_merges_are_refused()
    {
        var sheet = new XlsxWorkbook().AddSheet("結合");
        sheet.Merge(1, 1, 2, 3);

        Assert.Throws<InvalidOperationException>(() => sheet.Merge(2, 3, 4, 4));
        Assert.Throws<ArgumentException>(() => sheet.Merge(5, 1, 5, 1));
        Assert.Throws<ArgumentException>(() => sheet.Merge(5, 3, 5, 1));
        sheet.Merge(3, 1, 3, 3);
    }

    [Fact]
    public void A_value_hidden_inside_a_merged_range_is_refused_on_save()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("結合");
        sheet.Row(1).Text(1, "見える").Text(2, "隠れる");
        sheet.Merge(1, 1, 1, 3);

        var error = Assert.Throws<InvalidOperationException>(() => book.ToArray());
        Assert.Contains("B1", error.Message, StringComparison.Ordinal);
    }

    // --- Page header and footer, saving -------------------------------------------------------------------------

    [Fact]
    public void Header_and_footer_text_can_be_made_literal_and_is_limited_in_length()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("印刷");
        sheet.PageHeader = XlsxSheet.LiteralHeaderFooterText("R&D 計画");
        sheet.PageFooter = "&P / &N";

        using var document = Open(book.ToArray());
        var worksheet = Worksheet(document, "印刷");
        Assert.Equal("&CR&&D 計画", worksheet.Descendants<OddHeader>().Single().Text);
        Assert.Equal("&C&P / &N", worksheet.Descendants<OddFooter>().Single().Text);
        Assert.Throws<ArgumentException>(() => sheet.PageFooter = new string('頁', 254));
    }

    [Fact]
    public void Saving_to_a_write_only_stream_and_saving_twice_give_the_same_workbook()
    {
        var book = TwoSheetWorkbook();
        using var target = new WriteOnlyStream();

        book.Save(target);
        var again = book.ToArray();

        Assert.Empty(Validate(target.Written.ToArray()));
        Assert.Empty(Validate(again));
        using var document = Open(target.Written.ToArray());
        Assert.Equal(2, document.WorkbookPart!.Workbook.Sheets!.Count());
    }

    [Fact]
    public void A_workbook_without_sheets_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new XlsxWorkbook().ToArray());
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        var sheet = new XlsxWorkbook().AddSheet("引数");

        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1_048_577));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1).Text(0, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1).Text(16_385, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1).Text(1, "x", (CellStyle)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1).Height(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.Row(1).Height(410));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.SetColumnWidth(1, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.SetColumnWidth(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.FreezeRows(-1));
        Assert.Throws<ArgumentException>(() => sheet.RepeatRowsOnEachPage(3, 2));
    }

    [Fact]
    public void Estimated_row_height_grows_with_the_text_and_stays_within_excel_limits()
    {
        var oneLine = XlsxRow.EstimateHeight("総括", 100);
        var wrapped = XlsxRow.EstimateHeight(new string('あ', 200), 100);
        var paragraphs = XlsxRow.EstimateHeight("一\n二\n三", 100);

        Assert.True(oneLine < wrapped);
        Assert.True(wrapped >= 4 * oneLine - 12);
        Assert.True(paragraphs > 2.5 * oneLine - 8);
        Assert.Equal(409, XlsxRow.EstimateHeight(new string('あ', 30_000), 50));
    }

    [Fact]
    public void Rows_without_a_height_get_an_estimate_that_excel_may_refit()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("高さ");
        sheet.SetColumnWidths(10, 10, 10);
        var paragraph = new string('あ', 40);
        sheet.Row(1).Text(1, "短い").Number(2, 1);
        sheet.Row(2).Text(1, paragraph);
        sheet.Row(3).Text(1, paragraph, CellStyle.Plain);
        sheet.Merge(3, 1, 3, 3);
        sheet.Row(4).Text(1, paragraph).Height(20);
        sheet.Row(5).Text(1, "表題", CellStyle.Title);
        sheet.Row(6).Text(1, paragraph);
        sheet.Merge(6, 1, 7, 1);

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "高さ");
        var rows = worksheet.Descendants<Row>().ToDictionary(r => r.RowIndex!.Value);

        Assert.Equal(18.75, worksheet.GetFirstChild<SheetFormatProperties>()!.DefaultRowHeight!.Value);
        Assert.Null(rows[1].Height);
        Assert.True(rows[2].Height!.Value > 4 * 18.75);
        Assert.Null(rows[2].CustomHeight);
        Assert.InRange(rows[3].Height!.Value, rows[2].Height!.Value / 4, rows[2].Height!.Value / 2);
        Assert.Equal((20d, true), (rows[4].Height!.Value, rows[4].CustomHeight!.Value));
        Assert.True(rows[5].Height!.Value > 18.75);
        Assert.Null(rows[6].Height); // merged over two rows: left to the caller
        Assert.True(worksheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value); // new sheets fit to width
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public void Manual_page_breaks_are_saved_as_row_breaks_before_the_given_rows()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("改ページ");
        for (var row = 1; row <= 30; row++)
        {
            sheet.Row(row).Text(1, "行");
        }

        sheet.BreakPageBefore(20).BreakPageBefore(10).BreakPageBefore(20);

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var breaks = Worksheet(document, "改ページ").Descendants<RowBreaks>().Single();
        Assert.Equal(2u, breaks.Count!.Value);
        Assert.Equal(2u, breaks.ManualBreakCount!.Value);
        Assert.Equal([9u, 19u], breaks.Elements<Break>().Select(b => b.Id!.Value));
        Assert.All(breaks.Elements<Break>(), b => Assert.True(b.ManualPageBreak!.Value));
        Assert.Equal([10, 20], sheet.PageBreaks);
        Assert.Throws<ArgumentOutOfRangeException>(() => sheet.BreakPageBefore(1));
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public void Estimated_line_count_counts_paragraphs_and_full_width_characters_as_two()
    {
        Assert.Equal(1, XlsxRow.EstimateLineCount(null, 10));
        Assert.Equal(1, XlsxRow.EstimateLineCount("123456789", 10));
        Assert.Equal(2, XlsxRow.EstimateLineCount("1234567890", 10));
        Assert.Equal(2, XlsxRow.EstimateLineCount("あいうえおか", 10));
        Assert.Equal(3, XlsxRow.EstimateLineCount("あ\n\nい", 10));
        Assert.Equal(18.75, XlsxRow.HeightOfLines(1));
        Assert.Equal(XlsxRow.MaxHeight, XlsxRow.HeightOfLines(100));
        Assert.Equal(4, XlsxRow.WidthUnits("ｱｲあ"));
    }

    [Fact]
    public void Continued_styles_leave_out_the_borders_between_the_rows_of_one_text()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("続き");
        sheet.Row(1).Text(1, "前半", CellStyle.ContinuedFirst);
        sheet.Row(2).Text(1, "中間", CellStyle.ContinuedMiddle);
        sheet.Row(3).Text(1, "後半", CellStyle.ContinuedLast);
        sheet.Row(4).Percent(1, 0.519m, CellStyle.PercentOneDecimal).Text(2, "見出し", CellStyle.Heading);

        var bytes = book.ToArray();
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "続き");
        var borders = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Borders!.Elements<Border>().ToList();
        Border BorderOf(string reference) => borders[(int)Format(document, CellAt(worksheet, reference)).BorderId!.Value];
        static bool Has(BorderPropertiesType side) => side.Style is not null;

        Assert.True(Has(BorderOf("A1").TopBorder!) && !Has(BorderOf("A1").BottomBorder!) && Has(BorderOf("A1").LeftBorder!));
        Assert.True(!Has(BorderOf("A2").TopBorder!) && !Has(BorderOf("A2").BottomBorder!) && Has(BorderOf("A2").RightBorder!));
        Assert.True(!Has(BorderOf("A3").TopBorder!) && Has(BorderOf("A3").BottomBorder!));
        Assert.Equal(165u, Format(document, CellAt(worksheet, "A4")).NumberFormatId!.Value);
        Assert.Contains(document.WorkbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>(), f => f.NumberFormatId!.Value == 165 && f.FormatCode == "0.0%");
        Assert.Null(Format(document, CellAt(worksheet, "B4")).Alignment!.WrapText);
        Assert.Empty(Validate(bytes));
    }

    // --- Validity -----------------------------------------------------------------------------------------------

    [Fact]
    public void An_empty_workbook_with_one_empty_sheet_is_valid()
    {
        var book = new XlsxWorkbook();
        book.AddSheet("空");

        var bytes = book.ToArray();

        Assert.Empty(Validate(bytes));
        using var document = Open(bytes);
        Assert.Empty(Worksheet(document, "空").Descendants<Row>());
        Assert.Null(document.WorkbookPart!.SharedStringTablePart);
        Assert.Null(document.WorkbookPart.Workbook.DefinedNames);
    }

    [Fact]
    public void The_two_sheet_workbook_is_valid()
    {
        Assert.Empty(Validate(TwoSheetWorkbook().ToArray()));
    }

    [Fact]
    public void A_workbook_of_5000_rows_of_long_japanese_text_is_valid()
    {
        var book = new XlsxWorkbook();
        var sheet = book.AddSheet("取組実績一覧");
        sheet.SetColumnWidths(6, 30, 50, 50, 10, 40, 20);
        sheet.Row(1).Texts(1, CellStyle.Header, "No", "取組項目", "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署");
        sheet.FreezeRows(1).RepeatRowsOnEachPage(1, 1).PageSetup(PageOrientation.Landscape);
        var paragraph = string.Concat(Enumerable.Repeat("行政手続のオンライン化を進め、市民の利便性の向上と業務の効率化を図る。", 8));
        for (var row = 2; row <= 5_001; row++)
        {
            var number = row.ToString(CultureInfo.InvariantCulture);
            sheet.Row(row)
                .Number(1, row - 1, CellStyle.Centered)
                .Text(2, "取組項目" + number)
                .Text(3, "【電子申請件数：" + number + "件】\n" + paragraph)
                .Text(4, paragraph + number)
                .Text(5, "B", CellStyle.Centered)
                .Text(6, number + paragraph)
                .Text(7, "情報政策課");
        }

        var bytes = book.ToArray();

        Assert.Empty(Validate(bytes));
        using var document = Open(bytes);
        var worksheet = Worksheet(document, "取組実績一覧");
        Assert.Equal(5_001, worksheet.Descendants<Row>().Count());
        Assert.Equal(paragraph + "5001", TextAt(document, worksheet, "D5001"));
        // Repeated texts are stored once.
        Assert.Equal(7 + (4 * 5_000) + 2, document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Count());
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private static XlsxWorkbook TwoSheetWorkbook()
    {
        var book = new XlsxWorkbook { Title = "取組実績（令和2年度）" };

        var summary = book.AddSheet("自己評価結果");
        summary.SetColumnWidths(8, 40, 10, 10, 12);
        summary.Row(1).Text(1, "「徳島市情報化基本計画」の取組実績（令和2年度）", CellStyle.Title);
        summary.Row(3).Texts(1, CellStyle.Header, "評価", "評価基準", "項目数", "割合", "参考");
        summary.Row(4)
            .Text(1, "S", CellStyle.Centered)
            .Text(2, "目標を大きく上回って達成")
            .Number(3, 3)
            .Percent(4, 0.11m)
            .Number(5, 1234.5m, CellStyle.DecimalNumber);
        summary.Row(5).Text(1, "合計", CellStyle.Centered).Blank(2).Number(3, 27).Percent(4, 1m).Blank(5);
        summary.Row(7).Text(1, "※割合は四捨五入しているため、合計が100％にならない場合があります。", CellStyle.Note);
        summary.Row(9).Text(1, "総括", CellStyle.Title);
        summary.Row(10).Text(1, "令和2年度は、新型コロナウイルス感染症への対応として…", CellStyle.Plain);
        summary.FreezePanes(3, 1).PageSetup(PageOrientation.Portrait, fitToWidth: false);

        var list = book.AddSheet("取組実績一覧");
        list.SetColumnWidths(6, 30, 50, 50, 10, 40, 20);
        list.Row(1).Height(30).Text(1, "取組実績一覧", CellStyle.Title);
        list.Merge(1, 1, 1, 7);
        list.Row(2).Texts(1, CellStyle.Header, "No", "取組項目", "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署");
        list.Row(3).Text(1, "取組方針1「市民サービスの向上」", CellStyle.GroupHeader);
        list.Merge(3, 1, 3, 7);
        list.Row(4)
            .Number(1, 1, CellStyle.Centered)
            .Text(2, "行政手続のオンライン化")
            .Text(3, "【電子申請件数：1,200件】\r\n年度内に20手続を追加")
            .Text(4, "【電子申請件数：1,350件】")
            .Text(5, "A", CellStyle.Centered)
            .Text(6, "対象手続の拡大")
            .Text(7, "情報政策課");
        list.FreezeRows(2).RepeatRowsOnEachPage(2, 2).PageSetup(PageOrientation.Landscape, fitToWidth: true);
        list.PageFooter = "- &P -";
        return book;
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static List<string> Validate(byte[] bytes)
    {
        using var document = Open(bytes);
        return new OpenXmlValidator(FileFormatVersions.Microsoft365)
            .Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
    }

    private static Worksheet Worksheet(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!)).Worksheet;
    }

    private static Cell CellAt(Worksheet worksheet, string reference) =>
        worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static CellFormat Format(SpreadsheetDocument document, Cell cell) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);

    private static string SharedStringAt(SpreadsheetDocument document, Worksheet worksheet, string reference)
    {
        var cell = CellAt(worksheet, reference);
        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
        var index = int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(index).Text!.Text;
    }

    /// <summary>The text as Excel shows it.</summary>
    private static string TextAt(SpreadsheetDocument document, Worksheet worksheet, string reference) =>
        WorkbookCells.Decode(SharedStringAt(document, worksheet, reference));

    /// <summary>Like an HTTP response body: no seeking, no reading.</summary>
    private sealed class WriteOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
