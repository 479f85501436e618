using System.Globalization;
using DxTracker.Web.Domain;
using DxTracker.Web.Reporting.Xlsx;

namespace DxTracker.Web.Reporting;

/// <summary>
/// 取組実績: the annual report workbook in the layout of the Tokushima report, ready to print and publish.
/// Sheets: 自己評価結果 (title, grade table, 総括), 取組実績一覧 (one row per item under its policy), per-policy
/// counts, and 評価指標 (every KPI's 予定 and 実績 of each plan year). Every sheet prints on A4 landscape, one
/// page wide, with 「- 1 -」 page numbers; table headers repeat on every page.
/// </summary>
/// <remarks>
/// KPI values are written as the text people wrote (「12,900件」, 「▲16.7%」, 「2件/週」, 「未測定」), as text
/// cells: the report shows what was reported, and the numbers behind them are in the open data
/// (<c>results.json</c>). Only counts, shares and achievement rates are numeric cells.
/// Long texts are continued on the next rows (see <see cref="MaxLinesPerRow"/>), and every policy after the first
/// starts a new printed page, so that a policy row never ends a page on its own.
/// </remarks>
public static class AnnualReportWorkbook
{
    public const string SummarySheetName = "自己評価結果";
    public const string ListSheetName = "取組実績一覧";
    public const string KpiSheetName = "評価指標";

    /// <summary>Excel's header/footer codes for 「- 1 -」.</summary>
    public const string PageFooter = "- &P -";

    /// <summary>
    /// Lines of text per row in the list: 20 lines of 11 pt stay under Excel's 409 pt row limit, so a longer
    /// text is continued on the next row instead of being cut off on screen and on paper.
    /// </summary>
    public const int MaxLinesPerRow = 20;

    // 取組実績一覧: No | 取組項目 | 取組内容／目標 | 取組実績 | 自己評価 | 改善・拡充策、課題等 | 担当部署.
    private static readonly double[] ListWidths = [5, 20, 44, 50, 10, 40, 18];
    private const int ListColumns = 7;
    private const int ContentColumn = 3;
    private const int ResultColumn = 4;
    private const int ImprovementColumn = 6;

    /// <summary>Builds the workbook; nothing is read from anywhere but the model.</summary>
    /// <exception cref="DomainRuleException">An item's rating is neither a grade nor an outcome mark of the plan.</exception>
    public static XlsxWorkbook Build(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var figures = AnnualReportFigures.Compute(model);
        var book = new XlsxWorkbook { Title = AnnualReportText.Title(model) };
        WriteSummary(book.AddSheet(SummarySheetName), model, figures);
        WriteList(book.AddSheet(ListSheetName), model, figures);
        WritePolicies(book.AddSheet(PolicySheetName(model)), model, figures);
        WriteKpis(book.AddSheet(KpiSheetName), model);
        return book;
    }

    /// <summary>「取組方針別集計」 with the plan's label.</summary>
    public static string PolicySheetName(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.PolicyLabel + "別集計";
    }

    // --- 自己評価結果 -----------------------------------------------------------------------------------------

    private static void WriteSummary(XlsxSheet sheet, AnnualReportModel model, AnnualReportFigures figures)
    {
        const int columns = 4;
        sheet.SetColumnWidths(16, 64, 14, 10);
        PrintSetup(sheet);

        var row = 1;
        MergedText(sheet, row++, columns, AnnualReportText.Title(model), CellStyle.Title);
        if (!string.IsNullOrWhiteSpace(model.Subtitle))
        {
            MergedText(sheet, row++, columns, model.Subtitle, CellStyle.Plain);
        }

        MergedText(sheet, row++, columns, model.Municipality, CellStyle.Plain);
        row++;

        if (figures.IsEmpty)
        {
            MergedText(sheet, row, columns, AnnualReportText.EmptyYearMessage, CellStyle.Plain);
            return;
        }

        sheet.Row(row++).Text(1, "1 自己評価結果", CellStyle.Heading);
        MergedText(sheet, row++, columns, AnnualReportText.SummaryIntroduction(model, figures), CellStyle.Plain);
        sheet.Row(row++).Texts(1, CellStyle.Header, "自己評価", "定義", model.ItemLabel + "数", "割合");
        for (var i = 0; i < model.Grades.Count; i++)
        {
            var grade = model.Grades[i];
            var count = figures.Summary.Grades[i];
            sheet.Row(row++)
                .Text(1, AnnualReportText.GradeName(grade), CellStyle.Centered)
                .Text(2, grade.Definition)
                .Number(3, count.Count)
                .Percent(4, count.Percentage / 100m);
        }

        sheet.Row(row++)
            .Text(1, "合計", CellStyle.Centered)
            .Blank(2)
            .Number(3, figures.Summary.Total)
            .Percent(4, figures.Summary.TotalPercentage / 100m);

        if (figures.NeedsRoundingNote)
        {
            MergedText(sheet, row++, columns, AnnualReportText.RoundingNote, CellStyle.Note);
        }

        if (figures.Unrated > 0)
        {
            MergedText(sheet, row++, columns, UnratedNote(model, figures.Unrated), CellStyle.Note);
        }

        if (model.UnapprovedItems.Count > 0)
        {
            MergedText(sheet, row++, columns, AnnualReportText.UnapprovedNote(model), CellStyle.Note);
        }

        if (model.OutcomeMarks.Count > 0)
        {
            row++;
            sheet.Row(row++).Texts(1, CellStyle.Header, "区分", "定義", model.ItemLabel + "数");
            for (var i = 0; i < model.OutcomeMarks.Count; i++)
            {
                var mark = model.OutcomeMarks[i];
                sheet.Row(row++)
                    .Text(1, AnnualReportText.GradeName(mark), CellStyle.Centered)
                    .Text(2, mark.Definition)
                    .Number(3, figures.MarkCounts[i]);
            }

            MergedText(sheet, row++, columns, "※上記の区分の" + model.ItemLabel + "は、自己評価の合計と割合に含めていません。", CellStyle.Note);
        }

        row++;
        sheet.Row(row++).Text(1, "2 総括", CellStyle.Heading);
        var paragraphs = Paragraphs(model.Conclusion);
        if (paragraphs.Count == 0)
        {
            MergedText(sheet, row, columns, "（総括はまだ入力されていません。）", CellStyle.Plain);
            return;
        }

        // One row per paragraph: a page break may fall between them, and no row reaches Excel's height limit.
        foreach (var paragraph in paragraphs)
        {
            foreach (var piece in SplitForRows(paragraph, 16 + 64 + 14 + 10, MaxLinesPerRow))
            {
                MergedText(sheet, row++, columns, piece, CellStyle.Plain);
            }
        }
    }

    private static string UnratedNote(AnnualReportModel model, int unrated) =>
        string.Create(CultureInfo.InvariantCulture, $"※自己評価が未入力の{model.ItemLabel}が{unrated}件あります（合計と割合に含めていません）。");

    // --- 取組実績一覧 -----------------------------------------------------------------------------------------

    private static void WriteList(XlsxSheet sheet, AnnualReportModel model, AnnualReportFigures figures)
    {
        sheet.SetColumnWidths(ListWidths);
        PrintSetup(sheet);
        MergedText(sheet, 1, ListColumns, AnnualReportText.ListTitle(model), CellStyle.Title);
        sheet.Row(2).Texts(1, CellStyle.Header, "No", model.ItemLabel, "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署");
        sheet.FreezeRows(2).RepeatRowsOnEachPage(2, 2);

        var row = 3;
        if (figures.IsEmpty)
        {
            MergedText(sheet, row, ListColumns, AnnualReportText.EmptyYearMessage, CellStyle.Default);
            return;
        }

        // Every policy after the first starts a new page, so that no policy row ends a page without its items,
        // whatever scale and row heights the reader prints with; the items break over pages by themselves.
        foreach (var policy in model.Policies)
        {
            if (row > 3)
            {
                sheet.BreakPageBefore(row);
            }

            MergedText(sheet, row++, ListColumns, AnnualReportText.PolicyHeading(model, policy), CellStyle.GroupHeader);
            foreach (var item in policy.Items)
            {
                var layout = LayOut(item);
                WriteItem(sheet, row, layout);
                row += layout.Rows;
            }
        }
    }

    /// <summary>One item's long texts cut into the rows they take.</summary>
    private sealed record ItemLayout(ReportItem Item, IReadOnlyList<string> Content, IReadOnlyList<string> Result, IReadOnlyList<string> Improvement)
    {
        public int Rows => Math.Max(Content.Count, Math.Max(Result.Count, Improvement.Count));
    }

    private static ItemLayout LayOut(ReportItem item) => new(
        item,
        SplitForRows(AnnualReportText.ContentAndGoal(item), ListWidths[ContentColumn - 1], MaxLinesPerRow),
        SplitForRows(AnnualReportText.Result(item), ListWidths[ResultColumn - 1], MaxLinesPerRow),
        SplitForRows(AnnualReportText.Improvement(item), ListWidths[ImprovementColumn - 1], MaxLinesPerRow));

    /// <summary>Writes one item on one row, or over several when a text is longer than a row can show.</summary>
    private static void WriteItem(XlsxSheet sheet, int row, ItemLayout layout)
    {
        var rows = layout.Rows;
        var first = sheet.Row(row);
        ItemNumber(first, 1, layout.Item.Number);
        first.Text(2, layout.Item.Title)
            .Text(5, AnnualReportText.Rating(layout.Item), CellStyle.Centered)
            .Text(7, AnnualReportText.Departments(layout.Item));
        if (rows == 1)
        {
            first.Text(ContentColumn, layout.Content[0]).Text(ResultColumn, layout.Result[0]).Text(ImprovementColumn, layout.Improvement[0]);
            return;
        }

        for (var i = 0; i < rows; i++)
        {
            var style = i == 0 ? CellStyle.ContinuedFirst : i == rows - 1 ? CellStyle.ContinuedLast : CellStyle.ContinuedMiddle;
            sheet.Row(row + i)
                .Text(ContentColumn, i < layout.Content.Count ? layout.Content[i] : null, style)
                .Text(ResultColumn, i < layout.Result.Count ? layout.Result[i] : null, style)
                .Text(ImprovementColumn, i < layout.Improvement.Count ? layout.Improvement[i] : null, style);
        }

        foreach (var column in new[] { 1, 2, 5, 7 })
        {
            sheet.Merge(row, column, row + rows - 1, column);
        }
    }

    // --- 取組方針別集計 ---------------------------------------------------------------------------------------

    private static void WritePolicies(XlsxSheet sheet, AnnualReportModel model, AnnualReportFigures figures)
    {
        var showUnrated = figures.Unrated > 0;
        var columns = 2 + model.Grades.Count + model.OutcomeMarks.Count + (showUnrated ? 1 : 0);
        sheet.SetColumnWidth(1, 62).SetColumnWidth(2, 12);
        for (var countColumn = 3; countColumn <= columns; countColumn++)
        {
            sheet.SetColumnWidth(countColumn, 9);
        }

        PrintSetup(sheet);
        MergedText(sheet, 1, columns, AnnualReportText.PolicyTableTitle(model), CellStyle.Title);
        var header = sheet.Row(2).Text(1, model.PolicyLabel, CellStyle.Header).Text(2, model.ItemLabel + "数", CellStyle.Header);
        var headerColumn = 3;
        foreach (var grade in model.Grades.Concat(model.OutcomeMarks))
        {
            header.Text(headerColumn++, grade.Code, CellStyle.Header);
        }

        if (showUnrated)
        {
            header.Text(headerColumn, "未評価", CellStyle.Header);
        }

        sheet.FreezeRows(2).RepeatRowsOnEachPage(2, 2);

        var row = 3;
        if (figures.IsEmpty)
        {
            MergedText(sheet, row, columns, AnnualReportText.EmptyYearMessage, CellStyle.Default);
            return;
        }

        foreach (var policy in figures.Policies)
        {
            var line = sheet.Row(row++).Text(1, AnnualReportText.PolicyHeading(model, policy.Policy)).Number(2, policy.ItemCount);
            WriteCounts(line, policy.GradeCounts.Concat(policy.MarkCounts), showUnrated ? policy.Unrated : null);
        }

        var total = sheet.Row(row++).Text(1, "合計", CellStyle.Centered).Number(2, figures.ItemCount);
        WriteCounts(total, figures.Summary.Grades.Select(g => g.Count).Concat(figures.MarkCounts), showUnrated ? figures.Unrated : null);

        var shares = sheet.Row(row++).Text(1, "割合", CellStyle.Centered).Blank(2);
        var column = 3;
        foreach (var grade in figures.Summary.Grades)
        {
            shares.Percent(column++, grade.Percentage / 100m);
        }

        for (; column <= columns; column++)
        {
            shares.Blank(column);
        }

        if (figures.NeedsRoundingNote)
        {
            MergedText(sheet, row++, columns, AnnualReportText.RoundingNote, CellStyle.Note);
        }

        if (model.OutcomeMarks.Count > 0 || showUnrated)
        {
            MergedText(sheet, row, columns, "※割合は自己評価（" + string.Join("・", model.Grades.Select(g => g.Code)) + "）の合計に対する割合です。", CellStyle.Note);
        }
    }

    private static void WriteCounts(XlsxRow row, IEnumerable<int> counts, int? unrated)
    {
        var column = 3;
        foreach (var count in counts)
        {
            row.Number(column++, count);
        }

        if (unrated is { } value)
        {
            row.Number(column, value);
        }
    }

    // --- 評価指標 ---------------------------------------------------------------------------------------------

    private static void WriteKpis(XlsxSheet sheet, AnnualReportModel model)
    {
        var years = PlanYearsUpTo(model);
        var firstYearColumn = 6;
        var rateColumn = firstYearColumn + (2 * years.Count);
        sheet.SetColumnWidths(5, 26, 40, 7, 12);
        for (var column = firstYearColumn; column < rateColumn; column++)
        {
            sheet.SetColumnWidth(column, 12);
        }

        sheet.SetColumnWidth(rateColumn, 12);
        PrintSetup(sheet);
        MergedText(sheet, 1, rateColumn, AnnualReportText.KpiTableTitle(model), CellStyle.Title);

        var top = sheet.Row(2);
        var bottom = sheet.Row(3);
        string[] fixedHeaders = ["No", model.ItemLabel, "評価指標", "単位", "基準値"];
        for (var i = 0; i < fixedHeaders.Length; i++)
        {
            top.Text(i + 1, fixedHeaders[i], CellStyle.Header);
            sheet.Merge(2, i + 1, 3, i + 1);
        }

        for (var i = 0; i < years.Count; i++)
        {
            var column = firstYearColumn + (2 * i);
            top.Text(column, years[i].Label, CellStyle.Header);
            sheet.Merge(2, column, 2, column + 1);
            bottom.Text(column, "予定", CellStyle.Header).Text(column + 1, "実績", CellStyle.Header);
        }

        top.Text(rateColumn, "達成率\n（" + model.FiscalYear.Label + "）", CellStyle.Header);
        sheet.Merge(2, rateColumn, 3, rateColumn);
        sheet.FreezeRows(3).RepeatRowsOnEachPage(2, 3);

        var row = 4;
        if (model.Kpis.Count == 0)
        {
            MergedText(sheet, row, rateColumn, "この年度の評価指標はありません。", CellStyle.Default);
            return;
        }

        foreach (var kpi in model.Kpis)
        {
            var line = sheet.Row(row++);
            ItemNumber(line, 1, kpi.ItemNumber);
            line.Text(2, kpi.ItemTitle)
                .Text(3, kpi.Name)
                .Text(4, kpi.Unit, CellStyle.Centered)
                .Text(5, Baseline(kpi), CellStyle.Centered);
            for (var i = 0; i < years.Count; i++)
            {
                var value = kpi.ValueFor(years[i]);
                var column = firstYearColumn + (2 * i);
                line.Text(column, value?.PlannedText, CellStyle.Centered).Text(column + 1, value?.ActualText, CellStyle.Centered);
            }

            line.Percent(rateColumn, kpi.AchievementRate(model.FiscalYear) / 100m, CellStyle.PercentOneDecimal);
        }

        MergedText(
            sheet,
            row,
            rateColumn,
            "※予定・実績は記載どおりの表記です。達成率は" + model.FiscalYear.Label + "の実績÷予定（値が小さいほど良い指標は予定÷実績）で、どちらかが数値でない場合は空欄です。",
            CellStyle.Note);
    }

    /// <summary>The plan's years from its first up to the report's year (just the report's year if the plan starts later).</summary>
    public static IReadOnlyList<FiscalYear> PlanYearsUpTo(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var first = Math.Min(model.PlanStartYear.Year, model.FiscalYear.Year);
        return Enumerable.Range(first, model.FiscalYear.Year - first + 1).Select(y => new FiscalYear(y)).ToList();
    }

    private static string Baseline(ReportKpi kpi) =>
        kpi.BaselineYear is { } year && !string.IsNullOrWhiteSpace(kpi.BaselineText)
            ? kpi.BaselineText + "\n（" + year.Label + "）"
            : kpi.BaselineText;

    // --- Shared -------------------------------------------------------------------------------------------------

    private static void PrintSetup(XlsxSheet sheet)
    {
        sheet.PageSetup(PageOrientation.Landscape, fitToWidth: true);
        sheet.PageFooter = PageFooter;
    }

    private static void MergedText(XlsxSheet sheet, int row, int columns, string text, CellStyle style)
    {
        sheet.Row(row).Text(1, text, style);
        if (columns > 1)
        {
            sheet.Merge(row, 1, row, columns);
        }
    }

    /// <summary>Item numbers print as numbers when they are whole numbers (1, 12), else as text (1-3).</summary>
    private static void ItemNumber(XlsxRow row, int column, string number)
    {
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            row.Number(column, value, CellStyle.Centered);
        }
        else
        {
            row.Text(column, number, CellStyle.Centered);
        }
    }

    private static List<string> Paragraphs(string text) =>
        NormalizeLineBreaks(text).Split('\n').Select(p => p.TrimEnd()).Where(p => p.Length > 0).ToList();

    private static string NormalizeLineBreaks(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>
    /// Cuts a text into pieces of at most <paramref name="maxLines"/> estimated lines in a column
    /// <paramref name="width"/> characters wide. A paragraph that fits on a row of its own is kept whole; a longer
    /// one fills the row it starts on and goes on in the next, cut after the last 「。」 that fits (or at the limit).
    /// Always at least one piece (empty for an empty text).
    /// </summary>
    internal static List<string> SplitForRows(string? text, double width, int maxLines)
    {
        var clean = NormalizeLineBreaks(text);
        var chunks = new List<string>();
        if (XlsxRow.EstimateLineCount(clean, width) <= maxLines)
        {
            chunks.Add(clean);
            return chunks;
        }

        var current = string.Empty;
        var started = false;
        foreach (var paragraph in clean.Split('\n'))
        {
            var rest = paragraph;
            while (true)
            {
                var candidate = started ? current + "\n" + rest : rest;
                if (XlsxRow.EstimateLineCount(candidate, width) <= maxLines)
                {
                    current = candidate;
                    started = true;
                    break;
                }

                if (started && XlsxRow.EstimateLineCount(rest, width) <= maxLines)
                {
                    chunks.Add(current);
                    current = rest;
                    break;
                }

                var room = started ? maxLines - XlsxRow.EstimateLineCount(current, width) : maxLines;
                if (room < 2)
                {
                    chunks.Add(current);
                    current = string.Empty;
                    started = false;
                    continue;
                }

                var cut = CutPoint(rest, width, room);
                chunks.Add(started ? current + "\n" + rest[..cut] : rest[..cut]);
                current = string.Empty;
                started = false;
                rest = rest[cut..];
            }
        }

        chunks.Add(current);
        return chunks;
    }

    /// <summary>Where to cut a paragraph so that the part before takes at most <paramref name="lines"/> lines.</summary>
    private static int CutPoint(string paragraph, double width, int lines)
    {
        var maxUnits = lines * Math.Max(1, width - 1);
        var units = 0.0;
        var cut = 0;
        while (cut < paragraph.Length)
        {
            var length = char.IsHighSurrogate(paragraph[cut]) && cut + 1 < paragraph.Length ? 2 : 1;
            var next = units + XlsxRow.WidthUnits(paragraph.AsSpan(cut, length));
            if (next > maxUnits)
            {
                break;
            }

            units = next;
            cut += length;
        }

        // Prefer the end of a sentence in the second half of the piece.
        var sentence = cut > 0 ? paragraph.LastIndexOf('。', cut - 1, cut) : -1;
        if (sentence >= cut / 2)
        {
            cut = sentence + 1;
        }

        return Math.Max(cut, 1);
    }
}
