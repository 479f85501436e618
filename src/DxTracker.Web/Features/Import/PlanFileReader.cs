using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// Reads and checks an import file (docs/import-format.md) as a whole, before anything touches the database:
/// every problem is reported with its JSON path, and the file is returned only when there is none.
/// A one-year results file in the shape of <c>tokushima-r2-results.json</c> (root <c>fiscalYear</c>, item
/// <c>rating</c>/<c>result</c>/<c>improvement</c>, KPI <c>target</c>/<c>actual</c>) is the same format with
/// shorthand fields for that year.
/// </summary>
internal sealed partial class PlanFileReader
{
    /// <summary>The rating scale of a file that defines none, as the Tokushima report prints it.</summary>
    public static readonly IReadOnlyList<(string Code, string Definition)> DefaultScale =
    [
        ("S", "目標や計画を上回る達成状況であった。"),
        ("A", "目標や計画どおりの達成状況であった。"),
        ("B", "目標や計画を下回る達成状況であった。"),
        ("C", "目標や計画を大幅に下回る達成状況であった（又は未実施）。"),
    ];

    private static readonly Dictionary<string, PlanYearState> YearStates = new(StringComparer.Ordinal)
    {
        ["preparing"] = PlanYearState.Preparing, ["open"] = PlanYearState.Open, ["inReview"] = PlanYearState.InReview, ["closed"] = PlanYearState.Closed,
        ["準備中"] = PlanYearState.Preparing, ["入力受付中"] = PlanYearState.Open, ["確認中"] = PlanYearState.InReview, ["確定"] = PlanYearState.Closed,
    };

    private static readonly Dictionary<string, EvaluationStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["notStarted"] = EvaluationStatus.NotStarted, ["draft"] = EvaluationStatus.Draft, ["submitted"] = EvaluationStatus.Submitted,
        ["returned"] = EvaluationStatus.Returned, ["approved"] = EvaluationStatus.Approved,
        ["未着手"] = EvaluationStatus.NotStarted, ["下書き"] = EvaluationStatus.Draft, ["提出済"] = EvaluationStatus.Submitted,
        ["差戻し"] = EvaluationStatus.Returned, ["承認済"] = EvaluationStatus.Approved,
    };

    private static readonly Dictionary<string, ItemStatus> Lifecycles = new(StringComparer.Ordinal)
    {
        ["active"] = ItemStatus.Active, ["completed"] = ItemStatus.Completed, ["abolished"] = ItemStatus.Abolished,
        ["deleted"] = ItemStatus.Deleted, ["merged"] = ItemStatus.Merged,
        ["実施中"] = ItemStatus.Active, ["完了"] = ItemStatus.Completed, ["廃止"] = ItemStatus.Abolished, ["中止"] = ItemStatus.Abolished,
        ["廃止・中止"] = ItemStatus.Abolished, ["削除"] = ItemStatus.Deleted, ["移行"] = ItemStatus.Merged,
    };

    private static readonly Dictionary<string, DepartmentRole> Roles = new(StringComparer.Ordinal)
    {
        ["lead"] = DepartmentRole.Lead, ["related"] = DepartmentRole.Related, ["主管"] = DepartmentRole.Lead, ["関係"] = DepartmentRole.Related,
    };

    private static readonly Dictionary<string, KpiDirection> Directions = new(StringComparer.Ordinal)
    {
        ["higherIsBetter"] = KpiDirection.HigherIsBetter, ["lowerIsBetter"] = KpiDirection.LowerIsBetter,
    };

    private static readonly Dictionary<string, PercentageRounding> Roundings = new(StringComparer.Ordinal)
    {
        ["halfUpEach"] = PercentageRounding.HalfUpEach, ["largestRemainder"] = PercentageRounding.LargestRemainder,
    };

    private readonly List<ImportProblem> problems = [];
    private readonly Dictionary<string, DepartmentBuilder> departments = new(StringComparer.Ordinal);
    private readonly List<DepartmentBuilder> departmentOrder = [];
    private readonly Dictionary<string, string> itemNumbers = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Number, string Target)> mergeReferences = [];
    private readonly Dictionary<string, int> shorthandRatings = new(StringComparer.Ordinal);
    private int startYear;
    private int endYear;
    private bool periodKnown;
    private int? resultYear;
    private HashSet<string>? gradeCodes;

    private PlanFileReader() { }

    /// <summary>The checked file, or null with every problem found.</summary>
    public static (PlanFile? File, IReadOnlyList<ImportProblem> Problems) Read(ReadOnlyMemory<byte> content, ImportLimits? limits = null)
    {
        var reader = new PlanFileReader();
        var file = reader.ReadFile(content, (limits ?? ImportLimits.Default).MaxFileBytes);
        return reader.problems.Count == 0 ? (file, []) : (null, reader.problems);
    }

    private PlanFile? ReadFile(ReadOnlyMemory<byte> content, int maxFileBytes)
    {
        if (content.Length > maxFileBytes)
        {
            problems.Add(new("$", UploadSize.TooLarge(content.Length, maxFileBytes)));
            return null;
        }
        var bytes = content.Span.StartsWith(Encoding.UTF8.Preamble) ? content[Encoding.UTF8.Preamble.Length..] : content;
        if (bytes.Span.Trim((byte)' ').IsEmpty)
        {
            problems.Add(new("$", "ファイルが空です。"));
            return null;
        }
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            problems.Add(new("$", "ファイルの文字コードが UTF-8 ではありません。Shift_JIS などで保存されている場合は、UTF-8 で保存し直してください。"));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            problems.Add(new("$", MalformedMessage(bytes.Span, e)));
            return null;
        }

        using (document)
        {
            CheckTexts(document.RootElement, "$");
            return problems.Count > 0 ? null : ReadRoot(document.RootElement);
        }
    }

    /// <summary>At most this many unusable texts are listed (a file full of them needs fixing as a whole).</summary>
    private const int MaxTextProblems = 50;

    /// <summary>
    /// Every string and property name of the file is text that can be stored: a NUL (\u0000) or a lone surrogate
    /// (\ud800) is refused with its place before anything is read, instead of failing in the database.
    /// </summary>
    private void CheckTexts(JsonElement element, string path)
    {
        if (problems.Count >= MaxTextProblems)
        {
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = TextOf(() => property.Name);
                    if (name is null || !PlainText.IsSafe(name))
                    {
                        problems.Add(new(path, UnusableText));
                        return;
                    }
                    CheckTexts(property.Value, JsonFields.Join(path, name));
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckTexts(item, JsonFields.Index(path, index++));
                }
                break;
            case JsonValueKind.String:
                if (TextOf(element.GetString) is not { } text || !PlainText.IsSafe(text))
                {
                    problems.Add(new(path, UnusableText));
                }
                break;
        }
    }

    private const string UnusableText = "使えない文字（制御文字や壊れた文字）が含まれています。元のファイルでその文字を消してから、取り込み直してください。";

    /// <summary>The string, or null when it is not valid UTF-16 (an escaped lone surrogate).</summary>
    private static string? TextOf(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private PlanFile? ReadRoot(JsonElement element)
    {
        if (JsonFields.Open(element, "$", "ファイル全体", problems) is not { } root)
        {
            return null;
        }
        root.Ignore("$schema", "format", "source", "fiscalYearLabel", "introduction", "tableHeaderRowsRaw");

        var municipality = root.Text("municipality", "自治体名", Plan.MunicipalityMaxLength, required: true);
        var plan = root.Object("plan", "計画（plan）", required: true) is { } planFields ? ReadPlan(planFields, root) : null;
        root.Ignore("ratingScale");
        resultYear = root.FiscalYearValue("fiscalYear", "実績の年度");
        if (resultYear is { } year)
        {
            CheckInPeriod(root.PathOf("fiscalYear"), year, "実績の年度");
        }
        var summary = root.Object("summary", "自己評価結果（summary）");
        string? summaryConclusion = null;
        JsonFields? counts = null;
        int? total = null;
        if (summary is not null)
        {
            summary.Ignore("totalPercentage", "percentages", "text", "note");
            summaryConclusion = summary.TextOrLines("conclusion", "総括", PlanYear.ConclusionMaxLength);
            total = summary.Integer("total", "項目数の合計", 0, 100000);
            counts = summary.Object("counts", "評価区分ごとの件数");
            summary.ReportUnknownKeys();
            if (resultYear is null)
            {
                problems.Add(new(summary.Path, "summary（自己評価結果・総括）は、どの年度のものかを示す fiscalYear と一緒に指定してください。"));
            }
        }

        foreach (var (departmentElement, path) in root.Array("departments", "部署の一覧"))
        {
            ReadDepartment(departmentElement, path);
        }
        var years = ReadYears(root, summaryConclusion);
        var policies = ReadPolicies(root);
        root.ReportUnknownKeys();

        foreach (var (path, number, target) in mergeReferences)
        {
            if (target == number)
            {
                problems.Add(new(path, "項目を自分自身に統合（移行）することはできません。"));
            }
            else if (!itemNumbers.ContainsKey(target))
            {
                problems.Add(new(path, $"統合先の項目番号「{target}」がファイルにありません。"));
            }
        }
        if (counts is not null)
        {
            CheckSummaryCounts(counts);
        }
        if (total is { } t && t != shorthandRatings.Values.Sum())
        {
            problems.Add(new(JsonFields.Join(summary!.Path, "total"), $"項目数の合計（{t}件）が、評価（rating）のある項目の数（{shorthandRatings.Values.Sum()}件）と一致しません。"));
        }

        if (municipality is null || plan is null)
        {
            return null;
        }
        var allYears = MergeEvaluationYears(years, policies);
        var departmentEntries = departmentOrder.Select(d => d.ToEntry()).ToList();
        return new PlanFile(municipality.Trim(), plan, resultYear, departmentEntries, allYears, policies);
    }

    private PlanSection? ReadPlan(JsonFields fields, JsonFields root)
    {
        fields.Ignore("periodRaw");
        var name = fields.Text("name", "計画名", Plan.NameMaxLength, required: true);
        var subtitle = fields.Text("subtitle", "副題", Plan.SubtitleMaxLength);
        var start = fields.FiscalYearValue("periodStartFiscalYear", "計画期間の開始年度", required: true);
        var end = fields.FiscalYearValue("periodEndFiscalYear", "計画期間の終了年度", required: true);
        if (start is { } s && end is { } e)
        {
            if (e < s)
            {
                fields.Problem("periodEndFiscalYear", $"計画期間の終了年度（{new FiscalYear(e).Label}）が開始年度（{new FiscalYear(s).Label}）より前になっています。");
            }
            else if (e - s > 20)
            {
                fields.Problem("periodEndFiscalYear", "計画期間は21年度以内にしてください。");
            }
            else
            {
                (startYear, endYear, periodKnown) = (s, e, true);
            }
        }

        string? policyLabel = null, categoryLabel = null, itemLabel = null;
        if (fields.Object("labels", "階層の名称（labels）") is { } labels)
        {
            policyLabel = RequiredIfPresent(labels, "policy", "第1階層の名称");
            categoryLabel = RequiredIfPresent(labels, "category", "第2階層の名称");
            itemLabel = RequiredIfPresent(labels, "item", "項目の名称");
            labels.ReportUnknownKeys();
        }
        var rounding = fields.Choice("rounding", "割合の丸め方", Roundings);

        var grades = new List<GradeEntry>();
        var scaleHere = fields.Has("ratingScale");
        var scaleAtRoot = root.Has("ratingScale");
        if (scaleHere && scaleAtRoot)
        {
            root.Problem("ratingScale", "評価区分は plan.ratingScale か ratingScale のどちらか一方に指定してください。");
        }
        var scale = scaleHere ? fields.Array("ratingScale", "評価区分") : root.Array("ratingScale", "評価区分");
        if (!scaleHere)
        {
            fields.Ignore("ratingScale");
        }
        else
        {
            root.Ignore("ratingScale");
        }
        foreach (var (element, path) in scale)
        {
            ReadGrade(element, path, GradeKind.Grade, grades);
        }
        if ((scaleHere || scaleAtRoot) && scale.Count == 0)
        {
            problems.Add(new(scaleHere ? fields.PathOf("ratingScale") : root.PathOf("ratingScale"), "評価区分を1つ以上指定してください。"));
        }
        var marks = fields.Array("outcomeMarks", "完了・廃止などの区分");
        foreach (var (element, path) in marks)
        {
            ReadGrade(element, path, GradeKind.OutcomeMark, grades);
        }
        if (marks.Count > 0 && scale.Count == 0)
        {
            fields.Problem("outcomeMarks", "outcomeMarks を指定するときは ratingScale（評価区分）も指定してください。");
        }
        if (grades.Count > 0)
        {
            gradeCodes = grades.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        }

        var revisions = new List<RevisionEntry>();
        foreach (var (element, path) in fields.Array("revisions", "改定・中間見直し"))
        {
            if (JsonFields.Open(element, path, "改定", problems) is not { } revision)
            {
                continue;
            }
            var date = revision.Date("date", "改定日");
            var note = revision.Text("note", "改定内容", PlanRevision.NoteMaxLength, required: true);
            if (!revision.Has("date"))
            {
                revision.Problem("date", "改定日を指定してください。");
            }
            revision.ReportUnknownKeys();
            if (date is { } d && note is not null)
            {
                revisions.Add(new(path, d, note.Trim()));
            }
        }
        fields.ReportUnknownKeys();

        return name is null || start is null || end is null
            ? null
            : new PlanSection(fields.Path, name.Trim(), subtitle?.Trim(), start.Value, end.Value, policyLabel, categoryLabel, itemLabel, rounding,
                grades.Count > 0 ? grades : null, revisions);
    }

    private static string? RequiredIfPresent(JsonFields fields, string key, string label) =>
        fields.Has(key) ? fields.Text(key, label, Plan.LabelMaxLength, required: true)?.Trim() : fields.Text(key, label, Plan.LabelMaxLength);

    private void ReadGrade(JsonElement element, string path, GradeKind kind, List<GradeEntry> grades)
    {
        if (JsonFields.Open(element, path, "評価区分", problems) is not { } fields)
        {
            return;
        }
        var code = fields.Text("code", "評価区分の記号", RatingGrade.CodeMaxLength, required: true)?.Trim();
        var label = fields.Text("label", "評価区分の名称", RatingGrade.LabelMaxLength)?.Trim() ?? string.Empty;
        var definition = fields.Text("definition", "評価区分の定義", RatingGrade.DefinitionMaxLength, required: true)?.Trim();
        fields.ReportUnknownKeys();
        if (code is null || definition is null)
        {
            return;
        }
        if (grades.Any(g => g.Code == code))
        {
            fields.Problem("code", $"評価区分「{code}」が重複しています。");
            return;
        }
        grades.Add(new(path, code, label, definition, kind));
    }

    private void ReadDepartment(JsonElement element, string path)
    {
        if (JsonFields.Open(element, path, "部署", problems) is not { } fields)
        {
            return;
        }
        var name = fields.Text("name", "部署名", Department.NameMaxLength, required: true)?.Trim();
        var code = fields.Text("code", "部署コード", Department.CodeMaxLength)?.Trim();
        var reading = fields.Text("reading", "よみがな", Department.ReadingMaxLength)?.Trim();
        var formerNames = new List<(string Path, string Name, int UntilYear)>();
        foreach (var (formerElement, formerPath) in fields.Array("formerNames", "旧名称"))
        {
            if (JsonFields.Open(formerElement, formerPath, "旧名称", problems) is not { } former)
            {
                continue;
            }
            var formerName = former.Text("name", "旧名称", Department.NameMaxLength, required: true)?.Trim();
            var until = former.FiscalYearValue("untilFiscalYear", "旧名称を使っていた最後の年度", required: true);
            former.ReportUnknownKeys();
            if (formerName is not null && until is { } u)
            {
                formerNames.Add((formerPath, formerName, u));
            }
        }
        fields.ReportUnknownKeys();
        if (name is null)
        {
            return;
        }
        if (departments.TryGetValue(name, out var existing) && existing.Declared)
        {
            fields.Problem("name", $"部署「{name}」が部署の一覧に2回以上あります。");
            return;
        }
        var department = DepartmentNamed(name, path);
        department.Declared = true;
        department.Code = code is { Length: > 0 } ? code : null;
        department.Reading = reading;
        foreach (var (formerPath, formerName, until) in formerNames)
        {
            AddFormerName(department, formerPath, formerName, until);
        }
    }

    private DepartmentBuilder DepartmentNamed(string name, string path)
    {
        if (!departments.TryGetValue(name, out var department))
        {
            department = new DepartmentBuilder(name, path);
            departments.Add(name, department);
            departmentOrder.Add(department);
        }
        return department;
    }

    private void AddFormerName(DepartmentBuilder department, string path, string formerName, int untilYear)
    {
        if (formerName == department.Name)
        {
            problems.Add(new(path, $"旧名称「{formerName}」が現在の部署名と同じです。"));
            return;
        }
        var sameYear = department.FormerNames.FirstOrDefault(f => f.UntilYear == untilYear);
        if (sameYear is null)
        {
            department.FormerNames.Add(new(path, formerName, untilYear));
        }
        else if (sameYear.Name != formerName)
        {
            problems.Add(new(path, $"部署「{department.Name}」の{new FiscalYear(untilYear).Label}までの旧名称が「{sameYear.Name}」と「{formerName}」の2つあります。"));
        }
    }

    private List<YearEntry> ReadYears(JsonFields root, string? summaryConclusion)
    {
        var years = new List<YearEntry>();
        foreach (var (element, path) in root.Array("years", "年度"))
        {
            if (JsonFields.Open(element, path, "年度", problems) is not { } fields)
            {
                continue;
            }
            var year = fields.FiscalYearValue("fiscalYear", "年度", required: true);
            var state = fields.Choice("state", "年度の状態", YearStates);
            var deadline = fields.Date("entryDeadline", "入力期限");
            var conclusion = fields.TextOrLines("conclusion", "総括", PlanYear.ConclusionMaxLength);
            fields.ReportUnknownKeys();
            if (year is not { } y)
            {
                continue;
            }
            CheckInPeriod(fields.PathOf("fiscalYear"), y, "年度");
            if (years.Any(e => e.FiscalYear == y))
            {
                fields.Problem("fiscalYear", $"{new FiscalYear(y).Label}が2回以上あります。");
                continue;
            }
            if (y == resultYear && conclusion is not null && summaryConclusion is not null)
            {
                fields.Problem("conclusion", "この年度の総括が summary.conclusion と years[].conclusion の両方にあります。どちらか一方にしてください。");
            }
            years.Add(new(path, y, state, deadline, conclusion));
        }

        // A results file is a published report: its year is 確定 with the report's 総括 unless years[] says otherwise.
        if (resultYear is { } resultFiscalYear)
        {
            var index = years.FindIndex(e => e.FiscalYear == resultFiscalYear);
            if (index < 0)
            {
                years.Add(new("$.fiscalYear", resultFiscalYear, PlanYearState.Closed, null, summaryConclusion));
            }
            else
            {
                years[index] = years[index] with
                {
                    State = years[index].State ?? PlanYearState.Closed,
                    Conclusion = years[index].Conclusion ?? summaryConclusion,
                };
            }
        }
        return years;
    }

    private List<PolicyEntry> ReadPolicies(JsonFields root)
    {
        var policies = new List<PolicyEntry>();
        var numbers = new HashSet<int>();
        foreach (var (element, path) in root.Array("policies", "方針（policies）", required: true))
        {
            if (JsonFields.Open(element, path, "方針", problems) is not { } fields)
            {
                continue;
            }
            fields.Ignore("raw");
            var number = fields.Integer("number", "方針の番号", 1, 999, required: true);
            var title = fields.Text("title", "方針の名称", Policy.TitleMaxLength, required: true);
            if (number is { } n && !numbers.Add(n))
            {
                fields.Problem("number", $"方針の番号「{n}」が2回以上あります。");
            }

            var categories = new List<CategoryEntry>();
            foreach (var (categoryElement, categoryPath) in fields.Array("categories", "区分（取組）"))
            {
                if (JsonFields.Open(categoryElement, categoryPath, "区分", problems) is not { } category)
                {
                    continue;
                }
                var categoryNumber = category.Text("number", "区分の番号", Category.NumberMaxLength)?.Trim() ?? string.Empty;
                var categoryTitle = category.Text("title", "区分の名称", Category.TitleMaxLength, required: true)?.Trim();
                category.ReportUnknownKeys();
                if (categoryTitle is null)
                {
                    continue;
                }
                var entry = new CategoryEntry(categoryPath, categoryNumber, categoryTitle);
                if (categories.Any(c => c.Key == entry.Key))
                {
                    category.Problem(categoryNumber.Length > 0 ? "number" : "title", $"区分「{entry.Key}」がこの方針に2回以上あります。");
                    continue;
                }
                categories.Add(entry);
            }

            var items = new List<ItemEntry>();
            foreach (var (itemElement, itemPath) in fields.Array("items", "項目（items）"))
            {
                if (ReadItem(itemElement, itemPath, categories) is { } item)
                {
                    items.Add(item);
                }
            }
            fields.ReportUnknownKeys();
            if (number is { } policyNumber && title is not null)
            {
                policies.Add(new(path, policyNumber, title.Trim(), categories, items));
            }
        }
        return policies;
    }

    private void CheckSummaryCounts(JsonFields counts)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in shorthandRatings.Keys.Concat(gradeCodes ?? DefaultScale.Select(g => g.Code).ToHashSet()))
        {
            codes.Add(code);
        }
        foreach (var code in codes.ToList())
        {
            if (!counts.Has(code))
            {
                continue;
            }
            var stated = counts.Integer(code, $"評価「{code}」の件数", 0, 100000);
            var actual = shorthandRatings.GetValueOrDefault(code);
            if (stated is { } s && s != actual)
            {
                counts.Problem(code, $"評価「{code}」の件数（{s}件）が、その評価の項目の数（{actual}件）と一致しません。");
            }
        }
        counts.ReportUnknownKeys();
    }

    private static List<YearEntry> MergeEvaluationYears(List<YearEntry> years, List<PolicyEntry> policies)
    {
        var all = new List<YearEntry>(years);
        foreach (var evaluation in policies.SelectMany(p => p.Items).SelectMany(i => i.Evaluations))
        {
            if (all.All(y => y.FiscalYear != evaluation.FiscalYear))
            {
                all.Add(new(evaluation.Path, evaluation.FiscalYear, null, null, null));
            }
        }
        return all.OrderBy(y => y.FiscalYear).ToList();
    }

    private void CheckInPeriod(string path, int year, string label)
    {
        if (periodKnown && (year < startYear || year > endYear))
        {
            problems.Add(new(path, $"{label}の{new FiscalYear(year).Label}は計画期間（{new FiscalYear(startYear).Label}～{new FiscalYear(endYear).Label}）の外です。"));
        }
    }

    private static string MalformedMessage(ReadOnlySpan<byte> bytes, JsonException e)
    {
        var line = (int)(e.LineNumber ?? 0);
        var bytePosition = (int)(e.BytePositionInLine ?? 0);
        var lineStart = 0;
        for (var i = 0; i < line && lineStart < bytes.Length; i++)
        {
            var next = bytes[lineStart..].IndexOf((byte)'\n');
            lineStart = next < 0 ? bytes.Length : lineStart + next + 1;
        }
        var prefix = bytes[lineStart..Math.Min(bytes.Length, lineStart + bytePosition)];
        var column = Encoding.UTF8.GetCharCount(prefix) + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"JSON として読み取れません（{line + 1}行目、{column}文字目付近）。カンマや引用符、括弧の対応を確認してください。");
    }

    /// <summary>「新名（旧名）」 or 「新名 (旧名)」: a department with the name it had in the file's year.</summary>
    [GeneratedRegex(@"^(?<name>[^（(]+?)[ \u3000]*[（(][ \u3000]*(?<former>[^（）()]+?)[ \u3000]*[）)]$", RegexOptions.CultureInvariant)]
    private static partial Regex NameWithFormerName();

    private sealed class DepartmentBuilder(string name, string path)
    {
        public string Name { get; } = name;

        public bool Declared { get; set; }

        public string? Code { get; set; }

        public string? Reading { get; set; }

        public List<FormerNameEntry> FormerNames { get; } = [];

        public DepartmentEntry ToEntry() => new(path, Name, Code, Reading, FormerNames);
    }
}
