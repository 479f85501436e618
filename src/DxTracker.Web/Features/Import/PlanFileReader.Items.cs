using System.Globalization;
using System.Text.Json;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Import;

/// <summary>Items, with their departments, schedule, KPIs and evaluations.</summary>
internal sealed partial class PlanFileReader
{
    private ItemEntry? ReadItem(JsonElement element, string path, List<CategoryEntry> categories)
    {
        if (JsonFields.Open(element, path, "項目", problems) is not { } fields)
        {
            return null;
        }
        fields.Ignore("departmentsRaw");
        var number = fields.Text("number", "項目番号", ActionItem.NumberMaxLength, required: true)?.Trim();
        if (number is not null && !itemNumbers.TryAdd(number, path))
        {
            fields.Problem("number", $"項目番号「{number}」が2回以上あります（最初は {itemNumbers[number]}）。");
        }
        var title = fields.Text("title", "項目名", ActionItem.TitleMaxLength, required: true);
        var category = fields.Text("category", "区分", Category.TitleMaxLength)?.Trim();
        if (category is not null && categories.All(c => c.Key != category))
        {
            fields.Problem("category", $"区分「{category}」がこの方針の categories にありません。");
        }
        var content = fields.Text("content", "取組内容", ActionItem.TextMaxLength);
        var goal = fields.Text("goal", "目標", ActionItem.TextMaxLength);
        var overview = fields.Text("overview", "概要", ActionItem.TextMaxLength);
        var purpose = fields.Text("purpose", "目的", ActionItem.TextMaxLength);
        var outcome = fields.Text("outcome", "成果目標", ActionItem.TextMaxLength);
        var lifecycle = fields.Object("lifecycle", "項目の状態（lifecycle）") is { } lifecycleFields && number is not null
            ? ReadLifecycle(lifecycleFields, number)
            : null;
        var itemDepartments = ReadItemDepartments(fields);
        var schedule = ReadSchedule(fields);
        var kpis = ReadKpis(fields);
        var evaluations = ReadEvaluations(fields, itemDepartments, lifecycle);
        fields.ReportUnknownKeys();

        return number is null || title is null
            ? null
            : new ItemEntry(path, number, title.Trim(), category, content, goal, overview, purpose, outcome, lifecycle, itemDepartments, schedule, kpis, evaluations);
    }

    private LifecycleEntry? ReadLifecycle(JsonFields fields, string itemNumber)
    {
        var state = fields.Choice("state", "項目の状態", Lifecycles);
        if (!fields.Has("state"))
        {
            fields.Problem("state", "項目の状態（active, completed, abolished, deleted, merged）を指定してください。");
        }
        var year = fields.FiscalYearValue("fiscalYear", "状態が変わった年度");
        var reason = fields.Text("reason", "理由", ActionItem.ReasonMaxLength)?.Trim() ?? string.Empty;
        var mergedInto = fields.Text("mergedInto", "統合先の項目番号", ActionItem.NumberMaxLength)?.Trim();
        fields.ReportUnknownKeys();
        if (state is not { } s)
        {
            return null;
        }
        if (year is { } y)
        {
            CheckInPeriod(fields.PathOf("fiscalYear"), y, "状態が変わった年度");
        }
        else if (s != ItemStatus.Active)
        {
            fields.Problem("fiscalYear", "完了・廃止・削除・移行の年度を指定してください。");
        }
        if (s == ItemStatus.Deleted && reason.Length == 0)
        {
            fields.Problem("reason", "削除の理由を指定してください。");
        }
        if (s == ItemStatus.Merged)
        {
            if (mergedInto is null or "")
            {
                fields.Problem("mergedInto", "統合（移行）先の項目番号を指定してください。");
            }
            else
            {
                mergeReferences.Add((fields.PathOf("mergedInto"), itemNumber, mergedInto));
            }
        }
        else if (mergedInto is not null)
        {
            fields.Problem("mergedInto", "mergedInto は状態が merged（移行）のときだけ指定できます。");
        }
        return new LifecycleEntry(fields.Path, s, year, reason, s == ItemStatus.Merged ? mergedInto : null);
    }

    private List<ItemDepartmentEntry> ReadItemDepartments(JsonFields fields)
    {
        var result = new List<ItemDepartmentEntry>();
        foreach (var (element, path) in fields.Array("departments", "担当部署"))
        {
            string? name;
            string? formerName = null;
            string formerPath = path;
            DepartmentRole? role = null;
            if (element.ValueKind == JsonValueKind.String)
            {
                var text = element.GetString()!.Trim();
                var match = NameWithFormerName().Match(text);
                (name, formerName) = match.Success ? (match.Groups["name"].Value.Trim(), match.Groups["former"].Value.Trim()) : (text, null);
                if (name.Length == 0)
                {
                    problems.Add(new(path, "部署名を指定してください（空にはできません）。"));
                    continue;
                }
            }
            else if (JsonFields.Open(element, path, "担当部署", problems) is { } department)
            {
                department.Ignore("raw");
                name = department.Text("name", "部署名", Department.NameMaxLength, required: true)?.Trim();
                formerName = department.Text("formerName", "旧名称", Department.NameMaxLength)?.Trim();
                formerPath = department.PathOf("formerName");
                role = department.Choice("role", "部署の役割", Roles);
                department.ReportUnknownKeys();
                if (name is null)
                {
                    continue;
                }
            }
            else
            {
                continue;
            }
            if (name.Length > Department.NameMaxLength || formerName?.Length > Department.NameMaxLength)
            {
                problems.Add(new(path, $"部署名は{Department.NameMaxLength}文字以内にしてください。"));
                continue;
            }

            // A name the file gives elsewhere as another department's former name is that department.
            name = CurrentNameOf(name);
            var builder = DepartmentNamed(name, path);
            if (formerName is { Length: > 0 })
            {
                if (resultYear is { } year)
                {
                    AddFormerName(builder, formerPath, formerName, year);
                }
                else
                {
                    problems.Add(new(formerPath, "旧名称がいつまでの名称かわかりません。ルートに fiscalYear を指定するか、ルートの departments[].formerNames に untilFiscalYear とともに指定してください。"));
                }
            }
            if (result.Any(d => d.Name == name))
            {
                problems.Add(new(path, $"部署「{name}」がこの項目の担当部署に2回以上あります。"));
                continue;
            }
            result.Add(new(path, name, role ?? DepartmentRole.Lead));
        }
        return result;
    }

    private string CurrentNameOf(string name)
    {
        if (departments.ContainsKey(name))
        {
            return name;
        }
        var renamed = departmentOrder.Where(d => d.FormerNames.Any(f => f.Name == name)).ToList();
        return renamed.Count == 1 ? renamed[0].Name : name;
    }

    private List<PhaseEntry> ReadSchedule(JsonFields fields)
    {
        var phases = new List<PhaseEntry>();
        foreach (var (element, path) in fields.Array("schedule", "スケジュール"))
        {
            if (JsonFields.Open(element, path, "スケジュール", problems) is not { } phase)
            {
                continue;
            }
            var year = phase.FiscalYearValue("fiscalYear", "年度", required: true);
            var text = phase.Text("phase", "スケジュールの段階", SchedulePhase.PhaseMaxLength, required: true)?.Trim();
            phase.ReportUnknownKeys();
            if (year is not { } y || text is null)
            {
                continue;
            }
            CheckInPeriod(phase.PathOf("fiscalYear"), y, "スケジュールの年度");
            if (phases.Any(p => p.FiscalYear == y))
            {
                phase.Problem("fiscalYear", $"{new FiscalYear(y).Label}のスケジュールが2回以上あります。");
                continue;
            }
            phases.Add(new(path, y, text));
        }
        return phases;
    }

    private List<KpiEntry> ReadKpis(JsonFields item)
    {
        var kpis = new List<KpiEntry>();
        var replacements = new List<(string Path, string Name, string Target)>();
        foreach (var (element, path) in item.Array("kpis", "評価指標"))
        {
            if (JsonFields.Open(element, path, "評価指標", problems) is not { } fields)
            {
                continue;
            }
            fields.Ignore("matchNote");
            var name = fields.Text("name", "指標名", Kpi.NameMaxLength, required: true)?.Trim();
            var unit = fields.Text("unit", "単位", Kpi.UnitMaxLength)?.Trim();
            var direction = fields.Choice("direction", "指標の向き", Directions);
            var baseline = fields.Get("baseline") is { } baselineElement ? Measurement(baselineElement, fields.PathOf("baseline"), "基準値", unit) : null;
            var baselineYear = fields.FiscalYearValue("baselineFiscalYear", "基準値の年度");
            var from = fields.FiscalYearValue("fromFiscalYear", "指標の適用開始年度");
            var to = fields.FiscalYearValue("toFiscalYear", "指標の適用終了年度");
            var replacedBy = fields.Text("replacedBy", "置き換え後の指標名", Kpi.NameMaxLength)?.Trim();
            if (from is { } f)
            {
                CheckInPeriod(fields.PathOf("fromFiscalYear"), f, "指標の適用開始年度");
            }
            if (to is { } t)
            {
                CheckInPeriod(fields.PathOf("toFiscalYear"), t, "指標の適用終了年度");
                if (from is { } start && t < start)
                {
                    fields.Problem("toFiscalYear", $"指標の適用終了年度（{new FiscalYear(t).Label}）が開始年度（{new FiscalYear(start).Label}）より前になっています。");
                }
            }

            var values = new List<KpiValueEntry>();
            foreach (var (valueElement, valuePath) in fields.Array("values", "予定・実績"))
            {
                if (JsonFields.Open(valueElement, valuePath, "予定・実績", problems) is not { } value)
                {
                    continue;
                }
                var year = value.FiscalYearValue("fiscalYear", "年度", required: true);
                var planned = value.Get("planned") is { } p ? Measurement(p, value.PathOf("planned"), "予定値", unit) : null;
                var actual = value.Get("actual") is { } a ? Measurement(a, value.PathOf("actual"), "実績値", unit) : null;
                value.ReportUnknownKeys();
                if (year is { } y)
                {
                    CheckInPeriod(value.PathOf("fiscalYear"), y, "予定・実績の年度");
                    AddValue(values, new(valuePath, y, planned, actual), value.PathOf("fiscalYear"));
                }
            }

            // 年度実績形式: 【name：value】 of the goal (target) and of the result (actual) for the file's year.
            var target = fields.Get("target");
            var actualOfYear = fields.Get("actual");
            unit ??= UnitOf(target) ?? UnitOf(actualOfYear);
            if (target is not null || actualOfYear is not null)
            {
                var planned = target is { } te ? Measurement(te, fields.PathOf("target"), "目標値", unit) : null;
                var actual = actualOfYear is { } ae ? Measurement(ae, fields.PathOf("actual"), "実績値", unit) : null;
                if (resultYear is { } year)
                {
                    AddValue(values, new(path, year, planned, actual), fields.PathOf(target is not null ? "target" : "actual"));
                }
                else
                {
                    problems.Add(new(fields.PathOf(target is not null ? "target" : "actual"), "target・actual は、どの年度の値かを示すルートの fiscalYear と一緒に指定してください。"));
                }
            }
            fields.ReportUnknownKeys();

            unit ??= values.Select(v => v.Planned?.Unit is { Length: > 0 } u ? u : v.Actual?.Unit).FirstOrDefault(u => u is { Length: > 0 });
            if (unit?.Length > Kpi.UnitMaxLength)
            {
                fields.Problem("unit", $"単位は{Kpi.UnitMaxLength}文字以内にしてください（「{unit}」）。");
                unit = null;
            }
            if (name is null)
            {
                continue;
            }
            if (kpis.Any(k => k.Name == name))
            {
                fields.Problem("name", $"指標「{name}」がこの項目に2回以上あります。");
                continue;
            }
            if (replacedBy is not null)
            {
                replacements.Add((fields.PathOf("replacedBy"), name, replacedBy));
            }
            kpis.Add(new(path, name, unit, direction, baseline, baselineYear, from, to, replacedBy, values));
        }

        foreach (var (path, name, target) in replacements)
        {
            var successor = kpis.FirstOrDefault(k => k.Name == target);
            if (target == name)
            {
                problems.Add(new(path, "指標を自分自身で置き換えることはできません。"));
            }
            else if (successor is null)
            {
                problems.Add(new(path, $"置き換え後の指標「{target}」がこの項目の kpis にありません。"));
            }
            else if (successor.FromYear is null)
            {
                problems.Add(new(path, $"置き換え後の指標「{target}」に適用開始年度（fromFiscalYear）を指定してください。"));
            }
            else
            {
                var index = kpis.FindIndex(k => k.Name == name);
                var kpi = kpis[index];
                var lastYear = successor.FromYear.Value - 1;
                if (kpi.ToYear is { } to && to != lastYear)
                {
                    problems.Add(new(JsonFields.Join(kpi.Path, "toFiscalYear"), $"置き換え後の指標が{new FiscalYear(successor.FromYear.Value).Label}からなので、この指標の適用終了年度は{new FiscalYear(lastYear).Label}にしてください。"));
                }
                else if (kpi.FromYear is { } from && lastYear < from)
                {
                    problems.Add(new(path, $"置き換え後の指標の適用開始年度は、この指標の適用開始（{new FiscalYear(from).Label}）より後にしてください。"));
                }
                else
                {
                    kpis[index] = kpi with { ToYear = lastYear };
                }
            }
        }
        return kpis;
    }

    private void AddValue(List<KpiValueEntry> values, KpiValueEntry value, string yearPath)
    {
        if (values.Any(v => v.FiscalYear == value.FiscalYear))
        {
            problems.Add(new(yearPath, $"{new FiscalYear(value.FiscalYear).Label}の予定・実績が2回以上あります。"));
            return;
        }
        values.Add(value);
    }

    private static string? UnitOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String && unit.GetString() is { Length: > 0 } u
            ? u.Trim()
            : null;

    /// <summary>
    /// A KPI value: "12,900件", 12900, or { "raw": "申込み 30.7%", "value": 30.7 } for a text that is not a plain number.
    /// The object form may carry the name the report printed beside the value (nameAsWritten); a file that gives none
    /// clears a name stored before, so that importing a file again gives what the file says.
    /// </summary>
    private KpiMeasurement? Measurement(JsonElement element, string path, string label, string? unit)
    {
        string? nameAsWritten = null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("nameAsWritten", out var written))
        {
            if (written.ValueKind != JsonValueKind.String)
            {
                problems.Add(new(JsonFields.Join(path, "nameAsWritten"), $"{label}の nameAsWritten（報告書に書かれた指標名）は文字列で指定してください（現在: {JsonFields.Describe(written)}）。"));
                return null;
            }
            nameAsWritten = written.GetString()!.Trim();
            if (nameAsWritten.Length > Kpi.NameMaxLength)
            {
                problems.Add(new(JsonFields.Join(path, "nameAsWritten"), $"{label}の nameAsWritten（報告書に書かれた指標名）は{Kpi.NameMaxLength}文字以内にしてください（現在{nameAsWritten.Length}文字）。"));
                return null;
            }
        }
        return ValueOf(element, path, label, unit) is { } measurement ? measurement with { NameAsWritten = nameAsWritten ?? string.Empty } : null;
    }

    private KpiMeasurement? ValueOf(JsonElement element, string path, string label, string? unit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ParseMeasurement(element.GetString()!, path, label);
            case JsonValueKind.Number:
                return NumberMeasurement(element, path, label, unit ?? string.Empty);
            case JsonValueKind.Object:
                if (JsonFields.Open(element, path, label, problems) is not { } fields)
                {
                    return null;
                }
                fields.Ignore("bracketRaw", "nameAsWritten");
                var raw = fields.Text("raw", label, Kpi.TextMaxLength);
                var number = fields.Get("value");
                var ownUnit = fields.Text("unit", "単位", Kpi.UnitMaxLength)?.Trim();
                fields.ReportUnknownKeys();
                if (number is { ValueKind: not JsonValueKind.Number })
                {
                    fields.Problem("value", $"{label}の value は数値で指定してください（現在: {JsonFields.Describe(number.Value)}）。");
                    return null;
                }
                var value = number is { } n ? NumberMeasurement(n, fields.PathOf("value"), label, ownUnit ?? unit ?? string.Empty) : null;
                if (raw is null)
                {
                    if (value is null && !fields.Has("raw"))
                    {
                        problems.Add(new(path, $"{label}の raw（値の文字列）か value（数値）を指定してください。"));
                    }
                    return value;
                }
                if (KpiValueText.TryParse(raw, out var parsed, out var error))
                {
                    if (value is not null && parsed.Value != value.Value)
                    {
                        fields.Problem("value", $"{label}の value（{value.Value?.ToString(CultureInfo.InvariantCulture)}）が raw「{raw}」と一致しません。");
                        return null;
                    }
                    return CheckPrecision(parsed, path, label);
                }
                if (value is not null)
                {
                    // Text that is not a plain number (申込み 30.7%): kept as written, with the number given beside it.
                    return value with { OriginalText = raw.Trim() };
                }
                fields.Problem("raw", error);
                return null;
            default:
                problems.Add(new(path, $"{label}は \"12,900件\" のような文字列か数値で指定してください（現在: {JsonFields.Describe(element)}）。"));
                return null;
        }
    }

    private KpiMeasurement? ParseMeasurement(string text, string path, string label)
    {
        if (text.Trim().Length > Kpi.TextMaxLength)
        {
            problems.Add(new(path, $"{label}は{Kpi.TextMaxLength}文字以内にしてください（現在{text.Trim().Length}文字）。"));
            return null;
        }
        if (KpiValueText.TryParse(text, out var measurement, out var error))
        {
            return CheckPrecision(measurement, path, label);
        }
        problems.Add(new(path, error));
        return null;
    }

    private KpiMeasurement? NumberMeasurement(JsonElement element, string path, string label, string unit)
    {
        if (!element.TryGetDecimal(out var value))
        {
            problems.Add(new(path, $"{label}「{element.GetRawText()}」は数値として扱えません。"));
            return null;
        }
        return CheckPrecision(new KpiMeasurement(value, unit, KpiValueText.Format(value, unit), NotMeasured: false), path, label);
    }

    // Values are stored as numeric(18,4): more would be rounded, and a second import would see a change.
    private KpiMeasurement? CheckPrecision(KpiMeasurement measurement, string path, string label)
    {
        if (measurement.Value is { } value && (Math.Abs(value) >= 100_000_000_000_000m || value.Scale > 4 && value != Math.Round(value, 4)))
        {
            problems.Add(new(path, $"{label}「{measurement.OriginalText}」は桁が多すぎます。整数部14桁・小数部4桁までにしてください。"));
            return null;
        }
        return measurement;
    }

    private List<EvaluationEntry> ReadEvaluations(JsonFields item, List<ItemDepartmentEntry> itemDepartments, LifecycleEntry? lifecycle)
    {
        var evaluations = new List<EvaluationEntry>();
        foreach (var (element, path) in item.Array("evaluations", "年度ごとの評価"))
        {
            if (JsonFields.Open(element, path, "評価", problems) is not { } fields)
            {
                continue;
            }
            var year = fields.FiscalYearValue("fiscalYear", "評価の年度", required: true);
            var status = fields.Choice("status", "評価の状態", Statuses) ?? EvaluationStatus.Approved;
            var self = Rating(fields, "selfRating", "自己評価");
            var final = Rating(fields, "finalRating", "最終評価");
            var reason = fields.Text("finalRatingReason", "評価変更の理由", YearlyEvaluation.ReasonMaxLength)?.Trim() ?? string.Empty;
            var comment = fields.Text("returnComment", "差戻しコメント", YearlyEvaluation.CommentMaxLength)?.Trim();
            var parts = ReadParts(fields, itemDepartments);
            fields.ReportUnknownKeys();
            if (year is not { } y)
            {
                continue;
            }
            CheckEvaluation(fields, y, status, self, final, reason, comment, parts, lifecycle);
            AddEvaluation(evaluations, new(path, fields.PathOf("selfRating"), y, status, self, final, reason, comment, parts), fields.PathOf("fiscalYear"));
        }

        // 年度実績形式: the item's rating, result and improvement are its approved evaluation of the file's year.
        if (item.Has("rating") || item.Has("result") || item.Has("improvement"))
        {
            var rating = Rating(item, "rating", "自己評価");
            var parts = SplitParts(item, itemDepartments);
            if (resultYear is not { } year)
            {
                item.Problem(item.Has("rating") ? "rating" : "result", "rating・result・improvement は、どの年度の評価かを示すルートの fiscalYear と一緒に指定してください。");
            }
            else
            {
                if (rating is null && !item.Has("rating"))
                {
                    item.Problem("rating", "公表された実績として取り込むため、自己評価（rating）を指定してください。");
                }
                CheckActive(item.PathOf(item.Has("rating") ? "rating" : "result"), year, lifecycle);
                if (rating is not null)
                {
                    shorthandRatings[rating] = shorthandRatings.GetValueOrDefault(rating) + 1;
                }
                AddEvaluation(evaluations, new(item.Path, item.PathOf("rating"), year, EvaluationStatus.Approved, rating, null, string.Empty, null, parts), item.PathOf("rating"));
            }
        }
        else
        {
            item.Ignore("rating", "result", "improvement");
        }
        return evaluations;
    }

    private void AddEvaluation(List<EvaluationEntry> evaluations, EvaluationEntry evaluation, string yearPath)
    {
        if (evaluations.Any(e => e.FiscalYear == evaluation.FiscalYear))
        {
            problems.Add(new(yearPath, $"{new FiscalYear(evaluation.FiscalYear).Label}の評価が2回以上あります。"));
            return;
        }
        evaluations.Add(evaluation);
    }

    private void CheckEvaluation(JsonFields fields, int year, EvaluationStatus status, string? self, string? final, string reason, string? comment, List<PartEntry> parts, LifecycleEntry? lifecycle)
    {
        CheckInPeriod(fields.PathOf("fiscalYear"), year, "評価の年度");
        CheckActive(fields.PathOf("fiscalYear"), year, lifecycle);
        if (status == EvaluationStatus.NotStarted && (self is not null || final is not null || parts.Any(p => p.Result.Length > 0 || p.Improvement.Length > 0)))
        {
            fields.Problem("status", "未着手（notStarted）の評価には、評価や記述を指定できません。");
        }
        if (status is EvaluationStatus.Submitted or EvaluationStatus.Approved && self is null && !fields.Has("selfRating"))
        {
            fields.Problem("selfRating", $"{YearlyEvaluation.StatusLabel(status)}の評価には自己評価（selfRating）を指定してください。");
        }
        if (final is not null && status != EvaluationStatus.Approved)
        {
            fields.Problem("finalRating", "最終評価（finalRating）は承認済（approved）の評価にだけ指定できます。");
        }
        if (final is not null && final != self && reason.Length == 0)
        {
            fields.Problem("finalRatingReason", "自己評価と異なる最終評価には、その理由（finalRatingReason）を指定してください。");
        }
        if (status == EvaluationStatus.Returned && string.IsNullOrEmpty(comment))
        {
            fields.Problem("returnComment", "差戻し（returned）の評価には差戻しコメント（returnComment）を指定してください。");
        }
    }

    private void CheckActive(string path, int year, LifecycleEntry? lifecycle)
    {
        if (lifecycle is not { FiscalYear: { } statusYear } l)
        {
            return;
        }
        var active = l.State switch
        {
            ItemStatus.Completed or ItemStatus.Abolished => year <= statusYear,
            ItemStatus.Deleted or ItemStatus.Merged => year < statusYear,
            _ => true,
        };
        if (!active)
        {
            var label = l.State switch
            {
                ItemStatus.Completed => $"{new FiscalYear(statusYear).Label}に完了",
                ItemStatus.Abolished => $"{new FiscalYear(statusYear).Label}に廃止・中止",
                ItemStatus.Deleted => $"{new FiscalYear(statusYear).Label}から削除",
                _ => $"{new FiscalYear(statusYear).Label}から他の項目へ移行",
            };
            problems.Add(new(path, $"この項目は{label}のため、{new FiscalYear(year).Label}の評価は取り込めません。"));
        }
    }

    private string? Rating(JsonFields fields, string key, string label)
    {
        var code = fields.Text(key, label, RatingGrade.CodeMaxLength)?.Trim();
        if (code is null or "")
        {
            return null;
        }
        if (gradeCodes is not null && !gradeCodes.Contains(code))
        {
            fields.Problem(key, $"評価「{code}」はこの計画の評価区分（{string.Join("、", gradeCodes)}）にありません。");
            return null;
        }
        return code;
    }

    /// <summary>Explicit parts, or the result and improvement texts split by department suffixes.</summary>
    private List<PartEntry> ReadParts(JsonFields fields, List<ItemDepartmentEntry> itemDepartments)
    {
        if (!fields.Has("parts"))
        {
            fields.Ignore("parts");
            return SplitParts(fields, itemDepartments);
        }
        if (fields.Has("result") || fields.Has("improvement"))
        {
            fields.Problem("parts", "parts と result・improvement は同時に指定できません。部署ごとの記述は parts にまとめてください。");
        }
        fields.Ignore("result", "improvement");
        var parts = new List<PartEntry>();
        foreach (var (element, path) in fields.Array("parts", "部署ごとの記述"))
        {
            if (JsonFields.Open(element, path, "部署ごとの記述", problems) is not { } part)
            {
                continue;
            }
            var department = part.Text("department", "部署名", Department.NameMaxLength, required: true)?.Trim();
            var result = part.Text("result", "取組実績", EvaluationPart.TextMaxLength) ?? string.Empty;
            var improvement = part.Text("improvement", "改善・拡充策、課題等", EvaluationPart.TextMaxLength) ?? string.Empty;
            part.ReportUnknownKeys();
            if (department is null)
            {
                continue;
            }
            var match = ResolveItemDepartment(department, itemDepartments);
            if (match is null)
            {
                part.Problem("department", $"部署「{department}」はこの項目の担当部署（departments）にありません。");
                continue;
            }
            if (parts.Any(p => p.Department == match))
            {
                part.Problem("department", $"部署「{department}」の記述が2回以上あります。");
                continue;
            }
            parts.Add(new(path, match, result, improvement));
        }
        return parts;
    }

    private List<PartEntry> SplitParts(JsonFields fields, List<ItemDepartmentEntry> itemDepartments)
    {
        var result = fields.Text("result", "取組実績", ActionItem.TextMaxLength * 10) ?? string.Empty;
        var improvement = fields.Text("improvement", "改善・拡充策、課題等", ActionItem.TextMaxLength * 10) ?? string.Empty;
        if (itemDepartments.Count == 0)
        {
            if (result.Length > 0 || improvement.Length > 0)
            {
                fields.Problem(result.Length > 0 ? "result" : "improvement", "担当部署（departments）のない項目には、取組実績などの記述を取り込めません。");
            }
            return [];
        }
        var names = itemDepartments.Select(d => (IReadOnlyCollection<string>)NamesOf(d.Name)).ToList();
        var results = SharedTextSplitter.Split(result, names);
        var improvements = SharedTextSplitter.Split(improvement, names);
        var parts = new List<PartEntry>();
        for (var i = 0; i < itemDepartments.Count; i++)
        {
            if (results[i].Length > EvaluationPart.TextMaxLength)
            {
                fields.Problem("result", $"{itemDepartments[i].Name}の取組実績は{EvaluationPart.TextMaxLength:#,0}文字以内にしてください（現在{results[i].Length:#,0}文字）。");
            }
            if (improvements[i].Length > EvaluationPart.TextMaxLength)
            {
                fields.Problem("improvement", $"{itemDepartments[i].Name}の改善・拡充策、課題等は{EvaluationPart.TextMaxLength:#,0}文字以内にしてください（現在{improvements[i].Length:#,0}文字）。");
            }
            parts.Add(new(fields.Path, itemDepartments[i].Name, results[i], improvements[i]));
        }
        return parts;
    }

    private HashSet<string> NamesOf(string departmentName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { departmentName };
        if (departments.TryGetValue(departmentName, out var department))
        {
            names.UnionWith(department.FormerNames.Select(f => f.Name));
        }
        return names;
    }

    private string? ResolveItemDepartment(string name, List<ItemDepartmentEntry> itemDepartments)
    {
        var match = NameWithFormerName().Match(name);
        var current = match.Success ? match.Groups["name"].Value.Trim() : name;
        return itemDepartments.Select(d => d.Name).FirstOrDefault(d => d == current || NamesOf(d).Contains(name));
    }
}
