using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DxTracker.Web.Domain;
using DxTracker.Web.Reporting;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>Where something is in a workbook: a sheet, a row of it, a cell of that row (column letters).</summary>
public sealed record CellLocation(string Sheet, int? Row = null, string? Column = null)
{
    /// <summary>「取組実績一覧 シートの 12 行目 E 列」.</summary>
    public override string ToString() => Row is not { } row
        ? $"{Sheet} シート"
        : Column is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Sheet} シートの {row} 行目")
            : string.Create(CultureInfo.InvariantCulture, $"{Sheet} シートの {row} 行目 {Column} 列");
}

/// <summary>A problem of a workbook, in Japanese, with the cell it is about when there is one.</summary>
public sealed record WorkbookProblem(CellLocation? Location, string Message)
{
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

/// <summary>The plan a workbook is imported into: an existing plan, or a new one with the municipality and period the workbook does not say.</summary>
public sealed record WorkbookTarget(string Municipality, string? PlanName, FiscalYear StartYear, FiscalYear EndYear, bool NewPlan);

/// <summary>A workbook read into the import format (docs/import-format.md, 年度実績形式), with the cell of every value.</summary>
public sealed class ResultsWorkbook
{
    internal ResultsWorkbook(byte[] json, Dictionary<string, CellLocation> locations, string planName, FiscalYear year, int items)
    {
        Json = json;
        Locations = locations;
        PlanName = planName;
        Year = year;
        Items = items;
    }

    public byte[] Json { get; }

    public string PlanName { get; }

    public FiscalYear Year { get; }

    public int Items { get; }

    private Dictionary<string, CellLocation> Locations { get; }

    /// <summary>The cell of a JSON path of the generated file, or of the nearest enclosing value that has one.</summary>
    public CellLocation? Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = path;
        while (current.Length > 1)
        {
            if (Locations.TryGetValue(current, out var location))
            {
                return location;
            }
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }
            current = current[..cut];
        }
        return null;
    }
}

/// <summary>
/// Reads the 取組実績一覧 sheet of an annual report workbook (the layout <see cref="AnnualReportWorkbook"/> writes and
/// municipalities publish): a title row 「「計画名」の取組実績一覧（令和N年度）」, a header row No | 取組項目 |
/// 取組内容／目標 | 取組実績 | 自己評価 | 改善・拡充策、課題等 | 担当部署, then policy rows 「取組方針1「…」」 each followed by
/// its items. An item whose texts were continued on the next rows (No, title, rating and departments merged
/// down) is read as one. 【name：value】 lines at the end of 取組内容／目標 and 取組実績 are KPI targets and actuals;
/// 【目標】 separates the content from the goal. The 自己評価結果 sheet, when present, gives a new plan its scale and
/// the year its 総括. Everything is checked here first; what the database decides is checked by the importer.
/// </summary>
public static partial class ResultsWorkbookReader
{
    public const string SummarySheet = AnnualReportWorkbook.SummarySheetName;
    public const string ListSheet = AnnualReportWorkbook.ListSheetName;

    private static readonly string[] ColumnNames = ["No", "項目名", "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署"];

    public static (ResultsWorkbook? Workbook, IReadOnlyList<WorkbookProblem> Problems) Read(byte[] content, WorkbookTarget target)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(target);
        var problems = new List<WorkbookProblem>();
        if (UploadedWorkbookCheck.ProblemOf(content) is { } refusal)
        {
            return (null, [new(null, refusal)]);
        }
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            return (null, [new(null, "Excel ファイル（.xlsx）として読み取れません。Excel 97-2003 形式（.xls）の場合は、.xlsx 形式で保存し直してください。")]);
        }
        using (document)
        {
            var list = SheetCells.Load(document, ListSheet);
            if (list is null)
            {
                var names = document.WorkbookPart?.Workbook.Sheets?.Elements<Sheet>().Select(s => $"「{s.Name}」") ?? [];
                return (null, [new(null, $"「{ListSheet}」シートがありません（このファイルのシート: {string.Join("、", names)}）。取組実績の Excel ファイル（取組実績一覧シートのあるもの）を選んでください。")]);
            }
            var summary = SheetCells.Load(document, SummarySheet);
            var workbook = new Run(list, summary, target, problems).Read();
            return problems.Count == 0 ? (workbook, []) : (null, problems);
        }
    }

    /// <summary>One reading of one workbook.</summary>
    private sealed class Run(SheetCells list, SheetCells? summary, WorkbookTarget target, List<WorkbookProblem> problems)
    {
        private readonly Dictionary<string, CellLocation> locations = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> columns = [];
        private int headerRow;

        public ResultsWorkbook? Read()
        {
            if (!FindHeader())
            {
                return null;
            }
            var (planName, year) = ReadTitle();
            CheckMerges();
            var root = new JsonObject { ["municipality"] = target.Municipality };
            var plan = new JsonObject
            {
                ["name"] = target.NewPlan ? planName ?? string.Empty : target.PlanName,
                ["periodStartFiscalYear"] = target.StartYear.Year,
                ["periodEndFiscalYear"] = target.EndYear.Year,
            };
            root["plan"] = plan;
            if (year is { } fy)
            {
                root["fiscalYear"] = fy.Year;
            }
            var (policies, itemLabel, policyLabel, items) = ReadPolicies(year);
            if (target.NewPlan)
            {
                var labels = new JsonObject();
                if (policyLabel is not null)
                {
                    labels["policy"] = policyLabel;
                }
                if (itemLabel is not null)
                {
                    labels["item"] = itemLabel;
                }
                plan["labels"] = labels;
                ReadScale(plan);
            }
            if (year is not null && ReadConclusion() is { Count: > 0 } conclusion)
            {
                root["summary"] = new JsonObject { ["conclusion"] = new JsonArray(conclusion.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()) };
            }
            root["policies"] = policies;
            if (problems.Count > 0 || year is null)
            {
                return null;
            }
            var json = Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            return new ResultsWorkbook(json, locations, (string?)plan["name"] ?? string.Empty, year.Value, items);
        }

        private void Problem(int? row, int? column, string message) =>
            problems.Add(new(new CellLocation(ListSheet, row, column is { } c ? SheetCells.ColumnName(c) : null), message));

        private void Locate(string path, int row, int column) => locations[path] = new CellLocation(ListSheet, row, SheetCells.ColumnName(column));

        /// <summary>The header row: the first of the first 10 rows whose cell reads 「No」; every column found by its heading.</summary>
        private bool FindHeader()
        {
            for (var row = 1; row <= Math.Min(10, list.LastRow); row++)
            {
                for (var column = 1; column <= list.LastColumn(row); column++)
                {
                    if (list.Text(row, column).Trim() is "No" or "No." or "NO" or "番号")
                    {
                        headerRow = row;
                        columns[0] = column;
                        break;
                    }
                }
                if (headerRow > 0)
                {
                    break;
                }
            }
            if (headerRow == 0)
            {
                problems.Add(new(new CellLocation(ListSheet), "見出しの行（No、取組項目、取組内容／目標、取組実績、自己評価、改善・拡充策、課題等、担当部署）が見つかりません。"));
                return false;
            }

            // The item column has the plan's own label (取組項目, アクションプラン …): the one right after No.
            if (list.Text(headerRow, columns[0] + 1).Trim().Length > 0)
            {
                columns[1] = columns[0] + 1;
            }
            for (var column = 1; column <= list.LastColumn(headerRow); column++)
            {
                var heading = Normalize(list.Text(headerRow, column));
                var index = heading switch
                {
                    "取組内容／目標" or "取組内容/目標" or "取組内容・目標" => 2,
                    "取組実績" => 3,
                    "自己評価" or "評価" => 4,
                    "改善・拡充策、課題等" or "改善・拡充策,課題等" or "改善策・課題等" => 5,
                    "担当部署" or "担当課" => 6,
                    _ => -1,
                };
                if (index > 0 && !columns.ContainsKey(index))
                {
                    columns[index] = column;
                }
            }
            var missing = Enumerable.Range(1, 6).Where(i => !columns.ContainsKey(i)).ToList();
            foreach (var index in missing)
            {
                Problem(headerRow, null, index == 1
                    ? "No の右隣に項目名（取組項目など）の列がありません。"
                    : $"「{ColumnNames[index]}」の列がありません。見出しの行に No、取組項目、取組内容／目標、取組実績、自己評価、改善・拡充策、課題等、担当部署 の列が必要です。");
            }
            return missing.Count == 0;
        }

        private (string? PlanName, FiscalYear? Year) ReadTitle()
        {
            for (var row = 1; row < headerRow; row++)
            {
                var text = list.Text(row, 1).Trim();
                var match = TitlePattern().Match(text);
                if (!match.Success)
                {
                    continue;
                }
                if (match.Groups["notFinal"].Success)
                {
                    Problem(row, 1, "この取組実績一覧は確定前（【未確定】）のものです。年度を確定してから出力したファイルを取り込んでください。");
                }
                locations["$.plan"] = locations["$.plan.name"] = locations["$.fiscalYear"] = new CellLocation(ListSheet, row, "A");
                if (!FiscalYear.TryParse(match.Groups["year"].Value, out var year))
                {
                    Problem(row, 1, $"表題の年度「{match.Groups["year"].Value}」を読み取れません。");
                    return (match.Groups["name"].Value, null);
                }
                return (match.Groups["name"].Value.Trim(), year);
            }
            Problem(1, 1, "表題「「計画名」の取組実績一覧（令和2年度）」が見つかりません。どの計画の何年度の実績かが分からないため、取り込めません。");
            return (null, null);
        }

        /// <summary>Merged cells are allowed where the report puts them: title and policy rows across, an item's No, title, rating and departments down.</summary>
        private void CheckMerges()
        {
            var lastColumn = columns.Values.Max();
            var downAllowed = new[] { columns[0], columns[1], columns[4], columns[6] };
            foreach (var (fromRow, fromColumn, toRow, toColumn) in list.Merges)
            {
                var across = fromRow == toRow;
                var ok = (across && fromRow < headerRow)
                    || (across && fromRow > headerRow && fromColumn == 1 && toColumn >= lastColumn)
                    || (fromColumn == toColumn && fromRow > headerRow && downAllowed.Contains(fromColumn) && OneItem(fromRow, toRow));
                if (!ok)
                {
                    Problem(fromRow, fromColumn, $"結合されたセル（{SheetCells.Reference(fromRow, fromColumn)}:{SheetCells.Reference(toRow, toColumn)}）は読み取れません。"
                        + "結合できるのは、表題と方針の行の横方向と、1つの項目の No・項目名・自己評価・担当部署の縦方向だけです。結合を解除してください。");
                }
            }
        }

        /// <summary>Whether rows <paramref name="fromRow"/> to <paramref name="toRow"/> are one item: a No in the first, none below.</summary>
        private bool OneItem(int fromRow, int toRow) =>
            list.Text(fromRow, columns[0]).Trim().Length > 0
            && Enumerable.Range(fromRow + 1, toRow - fromRow).All(r => list.Text(r, columns[0]).Trim().Length == 0 && list.Text(r, 1).Trim().Length == 0);

        private (JsonArray Policies, string? ItemLabel, string? PolicyLabel, int Items) ReadPolicies(FiscalYear? year)
        {
            var policies = new JsonArray();
            string? policyLabel = null;
            JsonArray? items = null;
            ItemRows? current = null;
            var itemCount = 0;
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);

            void Flush()
            {
                if (current is not null && items is not null)
                {
                    items.Add(current.ToJson(this, $"{PolicyPath(policies.Count - 1)}.items[{items.Count.ToString(CultureInfo.InvariantCulture)}]", year));
                    itemCount++;
                }
                current = null;
            }

            for (var row = headerRow + 1; row <= list.LastRow; row++)
            {
                var cells = Enumerable.Range(0, 7).Select(i => list.Text(row, columns[i])).ToArray();
                var first = list.Text(row, 1).Trim();
                if (cells.All(c => c.Trim().Length == 0) && first.Length == 0)
                {
                    continue;
                }
                var rest = Enumerable.Range(1, 6).All(i => cells[i].Trim().Length == 0);
                if (first == AnnualReportText.EmptyYearMessage)
                {
                    Problem(row, 1, "この取組実績一覧には項目がありません。");
                    continue;
                }
                var heading = PolicyPattern().Match(first);
                if (rest && heading.Success && columns[0] == 1)
                {
                    Flush();
                    var number = int.Parse(FullWidthDigits(heading.Groups["number"].Value), CultureInfo.InvariantCulture);
                    policyLabel ??= heading.Groups["label"].Value.Trim();
                    var path = PolicyPath(policies.Count);
                    Locate(path, row, 1);
                    items = [];
                    policies.Add(new JsonObject { ["number"] = number, ["title"] = heading.Groups["title"].Value.Trim(), ["items"] = items });
                    continue;
                }

                var itemNumber = cells[0].Trim();
                if (itemNumber.Length > 0)
                {
                    Flush();
                    if (items is null)
                    {
                        Problem(row, columns[0], "最初の方針の行（例: 取組方針1「…」）より前に項目があります。項目の上に方針の行を入れてください。");
                        items = [];
                        policies.Add(new JsonObject { ["number"] = 1, ["title"] = "（方針なし）", ["items"] = items });
                    }
                    if (numbers.TryGetValue(itemNumber, out var firstRow))
                    {
                        Problem(row, columns[0], string.Create(CultureInfo.InvariantCulture, $"No.{itemNumber} が2回以上あります（最初は {firstRow} 行目）。"));
                    }
                    else
                    {
                        numbers[itemNumber] = row;
                    }
                    current = new ItemRows(row, columns, cells);
                    continue;
                }

                if (current is null)
                {
                    Problem(row, columns[0], first.Length > 0 && columns[0] == 1
                        ? $"「{Shorten(first)}」を方針の行（例: 取組方針1「…」）として読み取れません。"
                        : "No がありません。項目の行には No を入れてください。");
                    continue;
                }
                // A continuation row: the item's long texts go on; its other cells are merged with the first row.
                foreach (var i in new[] { 1, 4, 6 })
                {
                    if (cells[i].Trim().Length > 0)
                    {
                        Problem(row, columns[i], $"No のない行に{ColumnNames[i]}があります。1つの項目は1行にまとめるか、No・項目名・自己評価・担当部署のセルを縦に結合してください。");
                    }
                }
                current.Continue(row, cells);
            }
            Flush();
            if (policies.Count == 0 && !problems.Any(p => p.Message.Contains("項目がありません", StringComparison.Ordinal)))
            {
                Problem(headerRow + 1, 1, "方針の行（例: 取組方針1「…」）が見つかりません。");
            }
            return (policies, list.Text(headerRow, columns[1]).Trim() is { Length: > 0 } label ? label : null, policyLabel, itemCount);
        }

        private static string PolicyPath(int index) => string.Create(CultureInfo.InvariantCulture, $"$.policies[{index}]");

        /// <summary>The grade table of 自己評価結果 (and its outcome marks), for a new plan.</summary>
        private void ReadScale(JsonObject plan)
        {
            if (summary is null)
            {
                return;
            }
            var grades = ReadGradeTable("自己評価", stop: "合計");
            if (grades.Count == 0)
            {
                return;
            }
            plan["ratingScale"] = GradeArray(grades, "$.plan.ratingScale");
            var marks = ReadGradeTable("区分", stop: null);
            if (marks.Count > 0)
            {
                plan["outcomeMarks"] = GradeArray(marks, "$.plan.outcomeMarks");
            }
        }

        private JsonArray GradeArray(List<(int Row, string Code, string Label, string Definition)> grades, string path)
        {
            var array = new JsonArray();
            foreach (var (row, code, label, definition) in grades)
            {
                locations[$"{path}[{array.Count.ToString(CultureInfo.InvariantCulture)}]"] = new CellLocation(SummarySheet, row, "A");
                array.Add(new JsonObject { ["code"] = code, ["label"] = label, ["definition"] = definition });
            }
            return array;
        }

        private List<(int Row, string Code, string Label, string Definition)> ReadGradeTable(string heading, string? stop)
        {
            var result = new List<(int, string, string, string)>();
            var start = Enumerable.Range(1, summary!.LastRow).FirstOrDefault(r => summary.Text(r, 1).Trim() == heading && summary.Text(r, 2).Trim() == "定義");
            if (start == 0)
            {
                return result;
            }
            for (var row = start + 1; row <= summary.LastRow; row++)
            {
                var name = summary.Text(row, 1).Trim();
                if (name.Length == 0 || name == stop || name.StartsWith('※'))
                {
                    break;
                }
                var match = GradeNamePattern().Match(name);
                result.Add((row, match.Success ? match.Groups["code"].Value : name, match.Success ? match.Groups["label"].Value : string.Empty, summary.Text(row, 2).Trim()));
            }
            return result;
        }

        /// <summary>The paragraphs under 「2 総括」 of 自己評価結果.</summary>
        private List<string> ReadConclusion()
        {
            var lines = new List<string>();
            if (summary is null)
            {
                return lines;
            }
            var start = Enumerable.Range(1, summary.LastRow).FirstOrDefault(r => summary.Text(r, 1).Trim() is "2 総括" or "2　総括" or "総括");
            if (start == 0)
            {
                return lines;
            }
            for (var row = start + 1; row <= summary.LastRow; row++)
            {
                var text = summary.Text(row, 1);
                if (text.Trim().Length > 0 && text.Trim() != "（総括はまだ入力されていません。）")
                {
                    lines.Add(text);
                }
            }
            if (lines.Count > 0)
            {
                locations["$.summary"] = locations["$.summary.conclusion"] = new CellLocation(SummarySheet, start + 1, "A");
            }
            return lines;
        }

        /// <summary>The rows of one item: the first, and any that continue its long texts.</summary>
        private sealed class ItemRows(int row, Dictionary<int, int> columns, string[] cells)
        {
            private readonly StringBuilder content = new(cells[2]);
            private readonly StringBuilder result = new(cells[3]);
            private readonly StringBuilder improvement = new(cells[5]);

            public int Row { get; } = row;

            public void Continue(int next, string[] more)
            {
                _ = next;
                Append(content, more[2]);
                Append(result, more[3]);
                Append(improvement, more[5]);
            }

            public JsonObject ToJson(Run run, string path, FiscalYear? year)
            {
                var item = new JsonObject { ["number"] = cells[0].Trim(), ["title"] = cells[1].Trim() };
                run.Locate(path, Row, columns[0]);
                run.Locate($"{path}.number", Row, columns[0]);
                run.Locate($"{path}.title", Row, columns[1]);
                var (contentText, targets) = SplitKpiLines(content.ToString());
                var goalAt = contentText.FindIndex(l => l.Trim() == AnnualReportText.GoalHeading);
                item["content"] = string.Join('\n', goalAt < 0 ? contentText : contentText.Take(goalAt)).Trim('\n');
                if (goalAt >= 0)
                {
                    item["goal"] = string.Join('\n', contentText.Skip(goalAt + 1)).Trim('\n');
                }
                run.Locate($"{path}.content", Row, columns[2]);
                run.Locate($"{path}.goal", Row, columns[2]);

                var departments = new JsonArray(cells[6].Split(['、', ',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(d => (JsonNode?)JsonValue.Create(d)).ToArray());
                item["departments"] = departments;
                run.Locate($"{path}.departments", Row, columns[6]);

                var (resultText, actuals) = SplitKpiLines(result.ToString());
                var kpis = new JsonArray();
                var paired = targets.Count == actuals.Count;
                for (var i = 0; i < targets.Count; i++)
                {
                    var kpi = new JsonObject { ["name"] = targets[i].Name, ["target"] = targets[i].Value };
                    var actual = paired ? actuals[i] : actuals.FirstOrDefault(a => a.Name == targets[i].Name);
                    if (actual is not null)
                    {
                        // The report may print the actual under another name (【GIGAタブレット端末：…】 for タブレット端末).
                        kpi["actual"] = actual.Name == targets[i].Name
                            ? actual.Value
                            : new JsonObject { ["raw"] = actual.Value, ["nameAsWritten"] = actual.Name };
                    }
                    AddKpi(run, kpis, kpi, path);
                }
                foreach (var actual in paired ? [] : actuals.Where(a => targets.All(t => t.Name != a.Name)))
                {
                    AddKpi(run, kpis, new JsonObject { ["name"] = actual.Name, ["actual"] = actual.Value }, path, inResult: true);
                }
                item["kpis"] = kpis;
                run.Locate($"{path}.kpis", Row, columns[2]);

                var resultBody = string.Join('\n', resultText).Trim('\n');
                var improvementBody = improvement.ToString().Trim('\n');
                var rating = cells[4].Trim();
                run.Locate($"{path}.rating", Row, columns[4]);
                run.Locate($"{path}.result", Row, columns[3]);
                run.Locate($"{path}.improvement", Row, columns[5]);
                run.Locate($"{path}.evaluations", Row, columns[4]);
                if (rating.Contains(AnnualReportText.NotFinalMark, StringComparison.Ordinal))
                {
                    run.Problem(Row, columns[4], "この項目の評価は確定前（【未確定】）です。年度を確定してから出力したファイルを取り込んでください。");
                    return item;
                }
                if (year is not { } fy || (rating.Length == 0 && resultBody.Length == 0 && improvementBody.Length == 0))
                {
                    return item;
                }
                var changed = ChangedRatingPattern().Match(rating);
                if (changed.Success)
                {
                    // 「B（自己評価A）」: the reviewer's rating B over the department's A, approved as published.
                    var evaluation = new JsonObject
                    {
                        ["fiscalYear"] = fy.Year,
                        ["status"] = "approved",
                        ["selfRating"] = changed.Groups["self"].Value.Trim(),
                        ["finalRating"] = changed.Groups["final"].Value.Trim(),
                        ["finalRatingReason"] = $"{ListSheet}（{fy.Label}）に記載の評価",
                        ["result"] = resultBody,
                        ["improvement"] = improvementBody,
                    };
                    item["evaluations"] = new JsonArray(evaluation);
                    var at = $"{path}.evaluations[0]";
                    run.Locate(at, Row, columns[4]);
                    run.Locate($"{at}.result", Row, columns[3]);
                    run.Locate($"{at}.improvement", Row, columns[5]);
                    return item;
                }
                if (rating.Length > 0)
                {
                    item["rating"] = rating;
                }
                item["result"] = resultBody;
                item["improvement"] = improvementBody;
                return item;
            }

            /// <summary>A KPI's target is in 取組内容／目標, its actual in 取組実績.</summary>
            private void AddKpi(Run run, JsonArray kpis, JsonObject kpi, string path, bool inResult = false)
            {
                var at = $"{path}.kpis[{kpis.Count.ToString(CultureInfo.InvariantCulture)}]";
                run.Locate(at, Row, columns[inResult ? 3 : 2]);
                run.Locate($"{at}.target", Row, columns[2]);
                run.Locate($"{at}.actual", Row, columns[3]);
                kpis.Add(kpi);
            }

            private static void Append(StringBuilder text, string more)
            {
                if (more.Length == 0)
                {
                    return;
                }
                if (text.Length > 0)
                {
                    text.Append('\n');
                }
                text.Append(more);
            }
        }
    }

    private sealed record KpiLine(string Name, string Value);

    /// <summary>The text without its trailing 【name：value】 lines, and those lines in order.</summary>
    private static (List<string> Lines, List<KpiLine> Kpis) SplitKpiLines(string text)
    {
        var lines = text.Split('\n').ToList();
        var kpis = new List<KpiLine>();
        while (lines.Count > 0)
        {
            var last = lines[^1].Trim();
            if (last.Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
                continue;
            }
            var match = KpiLinePattern().Match(last);
            if (!match.Success || last == AnnualReportText.GoalHeading)
            {
                break;
            }
            kpis.Insert(0, new KpiLine(match.Groups["name"].Value.Trim(), match.Groups["value"].Value.Trim()));
            lines.RemoveAt(lines.Count - 1);
        }
        return (lines, kpis);
    }

    private static string Normalize(string heading) => heading.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u3000", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);

    private static string FullWidthDigits(string text) => new(text.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray());

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex(@"^「(?<name>.+)」の取組実績一覧（(?<year>[^）]+)）(?<notFinal>【未確定】)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"^(?<label>[^0-9０-９「」]{1,20}?)\s*(?<number>[0-9０-９]{1,3})\s*「(?<title>.*)」$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PolicyPattern();

    [GeneratedRegex(@"^【(?<name>[^【】：:]+)[：:](?<value>[^【】]+)】$", RegexOptions.CultureInvariant)]
    private static partial Regex KpiLinePattern();

    [GeneratedRegex(@"^(?<final>[^（）\n]+?)（自己評価(?<self>[^（）\n]+)）$", RegexOptions.CultureInvariant)]
    private static partial Regex ChangedRatingPattern();

    [GeneratedRegex(@"^(?<code>[^（）]+?)（(?<label>[^（）]+)）$", RegexOptions.CultureInvariant)]
    private static partial Regex GradeNamePattern();
}
