using System.Text.Json.Nodes;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Import;

/// <summary>The published FY2020 results of Tokushima (tokushima-r2-results.json) imported as they are.</summary>
public sealed class TokushimaImportTests : IAsyncLifetime
{
    private const string PlanName = "徳島市情報化基本計画";
    private static readonly JsonObject Json = ImportTestData.TokushimaNode();
    private FreshDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateAsync();
        await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Tokushima);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private static IEnumerable<JsonObject> JsonItems => Json["policies"]!.AsArray().SelectMany(p => p!["items"]!.AsArray()).Select(i => i!.AsObject());

    [Fact]
    public async Task The_plan_has_27_items_under_4_policies_in_document_order()
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Policies).Include(p => p.Grades).SingleAsync();
        Assert.Equal((PlanName, "徳島市", 2019, 2026), (plan.Name, plan.Municipality, plan.StartYear, plan.EndYear));
        Assert.Equal("～ICTの利活用による「笑顔みちる水都 とくしま」の実現～", plan.Subtitle);
        Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
        Assert.Equal("目標や計画を大幅に下回る達成状況であった（又は未実施）。", plan.Scale[3].Definition);

        var policies = plan.Policies.OrderBy(p => p.SortOrder).ToList();
        Assert.Equal([1, 2, 3, 4], policies.Select(p => p.Number));
        Assert.Equal(["地域課題解決への取組みに向けたICT利活用の促進", "行政サービスの更なる拡充による市民の利便性向上", "行政運営の効率化・最適化の推進", "情報化推進体制の整備"], policies.Select(p => p.Title));

        var items = await db.ActionItems.OrderBy(i => i.SortOrder).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 27).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), items.Select(i => i.Number));
        Assert.Equal([8, 7, 9, 3], policies.Select(p => items.Count(i => i.PolicyId == p.Id)));
        Assert.All(items, i => Assert.Equal(ItemStatus.Active, i.Status));
    }

    [Fact]
    public async Task Every_title_content_and_goal_is_the_published_text()
    {
        await using var db = database.CreateContext();
        var items = await db.ActionItems.ToDictionaryAsync(i => i.Number);

        foreach (var json in JsonItems)
        {
            var item = items[json["number"]!.ToString()];
            Assert.Equal(json["title"]!.GetValue<string>(), item.Title);
            Assert.Equal(json["content"]!.GetValue<string>(), item.Content);
            Assert.Equal(json["goal"]!.GetValue<string>(), item.Goal);
        }
    }

    [Fact]
    public async Task Every_result_and_improvement_is_the_published_text_kept_in_each_departments_part()
    {
        await using var db = database.CreateContext();
        var parts = await PartsByItemAsync(db);

        foreach (var json in JsonItems)
        {
            var number = json["number"]!.ToString();
            var itemParts = parts[number];
            // Parts are joined with line breaks; where the published text ran two parts together on one line, the
            // split puts the second one on its own line.
            var expectedResult = json["result"]!.GetValue<string>()
                .Replace("(住民課) (2)", "(住民課)\n(2)", StringComparison.Ordinal)
                .Replace("(情報推進課) (2)", "(情報推進課)\n(2)", StringComparison.Ordinal);
            // Items 8 and 13 have no improvement text (null in the file).
            var expectedImprovement = (json["improvement"]?.GetValue<string>() ?? string.Empty)
                .Replace("(住民課) (2)", "(住民課)\n(2)", StringComparison.Ordinal);
            Assert.Equal(expectedResult, string.Join("\n", itemParts.Select(p => p.Result).Where(t => t.Length > 0)));
            Assert.Equal(expectedImprovement, string.Join("\n", itemParts.Select(p => p.Improvement).Where(t => t.Length > 0)));
        }
    }

    [Fact]
    public async Task A_shared_items_text_is_split_into_each_departments_part_by_the_name_at_the_end()
    {
        await using var db = database.CreateContext();
        var parts = await PartsByItemAsync(db);

        var gis = parts["2"];
        Assert.Equal(["デジタル推進課", "住宅課"], gis.Select(p => p.Department));
        Assert.StartsWith("(1) レイヤーの追加削除について", gis[0].Result, StringComparison.Ordinal);
        Assert.EndsWith("利用課に調査を実施した。 (情報推進課)", gis[0].Result, StringComparison.Ordinal);
        Assert.StartsWith("(2) 市民等から寄せられた情報", gis[1].Result, StringComparison.Ordinal);
        Assert.EndsWith("(住宅課)", gis[1].Improvement, StringComparison.Ordinal);

        // Two parts on one line: 「…依頼した。 (住民課) (2) …」.
        var myNumber = parts["12"];
        Assert.EndsWith("コンビニ交付の案内を依頼した。 (住民課)", myNumber[0].Result, StringComparison.Ordinal);
        Assert.StartsWith("(2) マイナンバーカードの図書館利用者カード", myNumber[1].Result, StringComparison.Ordinal);

        // Lines without a name belong to the part they precede; a name on its own line closes the part.
        var rpa = parts["19"];
        Assert.Equal("RPAの知識や技術に関する職員の知見を更に向上するためには、充実した研修や、より実践的なアプローチが必要になる。\n(情報推進課)", rpa[0].Improvement);
        Assert.StartsWith("会計事務においては", rpa[1].Improvement, StringComparison.Ordinal);

        // Three consecutive parts of one department stay one stretch of the text.
        var security = parts["25"];
        Assert.Equal(["総務課", "デジタル推進課"], security.Select(p => p.Department));
        Assert.StartsWith("(1) 9課に内部監査を実施し", security[0].Result, StringComparison.Ordinal);
        Assert.StartsWith("内部監査項目について", security[1].Result, StringComparison.Ordinal);
        Assert.EndsWith("他自治体における改定状況の調査を実施した。 (情報推進課)", security[1].Result, StringComparison.Ordinal);

        // Departments without a text of their own have an empty part; a shared text without names goes to the lead.
        Assert.Equal(["危機管理課", "市民協働課", "教育委員会"], parts["6"].Select(p => p.Department));
        Assert.Equal(["", ""], parts["6"].Skip(1).Select(p => p.Result));
        Assert.Equal(Json["policies"]![1]!["items"]![6]!["result"]!.GetValue<string>(), parts["15"][0].Result);
        Assert.Equal("", parts["15"][1].Result);
    }

    [Fact]
    public async Task Ratings_are_approved_as_published_and_the_year_is_closed_with_its_conclusion()
    {
        await using var db = database.CreateContext();
        var evaluations = await db.Evaluations.Include(e => e.Parts).ToListAsync();

        Assert.Equal(27, evaluations.Count);
        Assert.All(evaluations, e =>
        {
            Assert.Equal(EvaluationStatus.Approved, e.Status);
            Assert.Equal(2020, e.FiscalYear);
            Assert.Null(e.FinalRating);
            Assert.All(e.Parts, p => Assert.True(p.IsSubmitted));
        });
        var counts = evaluations.GroupBy(e => e.SelfRating!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((3, 15, 9, 0), (counts["S"], counts["A"], counts["B"], counts.GetValueOrDefault("C")));
        var items = await db.ActionItems.ToDictionaryAsync(i => i.Id, i => i.Number);
        foreach (var json in JsonItems)
        {
            Assert.Equal(json["rating"]!.GetValue<string>(), evaluations.Single(e => items[e.ItemId] == json["number"]!.ToString()).SelfRating);
        }

        var year = await db.PlanYears.SingleAsync();
        Assert.Equal((2020, PlanYearState.Closed), (year.FiscalYear, year.State));
        Assert.Equal(string.Join("\n", Json["summary"]!["conclusion"]!.AsArray().Select(l => l!.GetValue<string>())), year.Conclusion);
    }

    [Fact]
    public async Task Departments_are_created_once_with_their_former_names_for_the_report()
    {
        await using var db = database.CreateContext();
        var departments = await db.Departments.Include(d => d.FormerNames).ToDictionaryAsync(d => d.Name);

        Assert.Equal(24, departments.Count);
        Assert.DoesNotContain("情報推進課", departments.Keys);
        Assert.DoesNotContain("デジタル推進課 (情報推進課)", departments.Keys);
        Assert.Equal("デジタル推進課（情報推進課）", departments["デジタル推進課"].ReportNameFor(new FiscalYear(2020)));
        Assert.Equal("デジタル推進課", departments["デジタル推進課"].ReportNameFor(new FiscalYear(2021)));
        Assert.Equal("子ども保育課（子ども施設課）", departments["子ども保育課"].ReportNameFor(new FiscalYear(2020)));
        Assert.Equal("健康長寿課（高齢福祉課）", departments["健康長寿課"].ReportNameFor(new FiscalYear(2020)));
        Assert.Empty(departments["住宅課"].FormerNames);
        Assert.All(departments.Values, d => Assert.Equal(string.Empty, d.Reading));
        Assert.Equal(departments.Count, departments.Values.Select(d => d.Code).Distinct().Count());

        // 「デジタル推進課（情報推進課）、子育て支援課」 (full-width) and 「総務課、デジタル推進課(情報推進課)」 alike.
        var links = await db.ItemDepartments.Join(db.ActionItems, d => d.ItemId, i => i.Id, (d, i) => new { i.Number, d.DepartmentId, d.SortOrder, d.Role }).ToListAsync();
        string[] NamesOf(string number) => links.Where(l => l.Number == number).OrderBy(l => l.SortOrder).Select(l => departments.Values.Single(d => d.Id == l.DepartmentId).Name).ToArray();
        Assert.Equal(["デジタル推進課", "子育て支援課"], NamesOf("11"));
        Assert.Equal(["総務課", "デジタル推進課"], NamesOf("25"));
        Assert.Equal(["危機管理課", "市民協働課", "教育委員会"], NamesOf("6"));
        Assert.Equal(38, links.Count);
    }

    [Fact]
    public async Task KPI_targets_and_actuals_become_the_years_planned_and_actual_values_with_their_text()
    {
        await using var db = database.CreateContext();
        var kpis = await db.Kpis.Include(k => k.Values).Join(db.ActionItems, k => k.ItemId, i => i.Id, (k, i) => new { i.Number, Kpi = k }).ToListAsync();

        Assert.Equal(15, kpis.Count);
        Assert.All(kpis, k => Assert.Equal(2020, Assert.Single(k.Kpi.Values).FiscalYear));

        var cards = kpis.Single(k => k.Kpi.Name == "コンビニでの証明書交付件数").Kpi;
        var value = cards.Values.Single();
        Assert.Equal(("12", "件"), (kpis.Single(k => k.Kpi == cards).Number, cards.Unit));
        Assert.Equal((5900m, "5,900件", 12900m, "12,900件"), (value.PlannedValue, value.PlannedText, value.ActualValue, value.ActualText));

        var library = kpis.Single(k => k.Kpi.Name == "マイナンバーカード交付数に対する図書館利用者カードへの登録割合").Kpi.Values.Single();
        Assert.Equal((30m, "30%", 0.06m, "0.06%"), (library.PlannedValue, library.PlannedText, library.ActualValue, library.ActualText));

        var posts = kpis.Single(k => k.Number == "10").Kpi;
        Assert.Equal(("件/週", 2m, "2件/週"), (posts.Unit, posts.Values.Single().ActualValue, posts.Values.Single().ActualText));

        var datasets = kpis.Single(k => k.Number == "1").Kpi;
        Assert.Equal(("公開データセット数", "", 160m, 83m), (datasets.Name, datasets.Unit, datasets.Values.Single().PlannedValue, datasets.Values.Single().ActualValue));

        var tablets = kpis.Where(k => k.Number == "8").Select(k => k.Kpi).OrderBy(k => k.SortOrder).ToList();
        Assert.Equal(["タブレット端末", "無線LANアクセスポイント"], tablets.Select(k => k.Name));
        Assert.Equal(("7,625台", "17,183台"), (tablets[0].Values.Single().PlannedText, tablets[0].Values.Single().ActualText));
        // The result printed the tablets under another name: 【GIGAタブレット端末：17,183台】.
        Assert.Equal(("", "GIGAタブレット端末"), (tablets[0].Values.Single().PlannedName, tablets[0].Values.Single().ActualName));
        Assert.Equal(["GIGAタブレット端末"], kpis.SelectMany(k => k.Kpi.Values).Select(v => v.ActualName + v.PlannedName).Where(n => n.Length > 0));
        Assert.All(kpis, k => Assert.False(k.Kpi.Values.Single().ActualNotMeasured));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_writes_no_audit_entry()
    {
        var before = await SnapshotAsync();

        var summary = await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Tokushima);

        Assert.True(summary.Unchanged, summary.ToString());
        Assert.Equal((0, 0), (summary.Created, summary.Updated));
        Assert.Contains("変更はありませんでした", summary.Headline, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_changed_result_of_the_closed_year_is_refused_with_advice_and_nothing_changes()
    {
        var before = await SnapshotAsync();
        var json = ImportTestData.TokushimaNode();
        json["policies"]![0]!["items"]![0]!["result"] = "書き換えた取組実績。";
        json["policies"]![0]!["items"]![0]!["kpis"]![0]!["actual"]!["raw"] = "90";
        json["policies"]![0]!["items"]![0]!["kpis"]![0]!["actual"]!["value"] = 90;
        json["policies"]![2]!["items"]![0]!["title"] = "文書管理システムの導入（改）";

        var result = await ImportTestData.ImportAsync(database.ConnectionString, ImportTestData.Bytes(json));

        Assert.False(result.Succeeded);
        Assert.Equal(["$.policies[0].items[0]", "$.policies[0].items[0].kpis[0]"], result.Problems.Select(p => p.Path).Order());
        Assert.All(result.Problems, p =>
        {
            Assert.StartsWith("令和2年度は確定済みのため", p.Message, StringComparison.Ordinal);
            Assert.Contains("管理者が年度の確定を解除してから", p.Message, StringComparison.Ordinal);
        });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_name_as_written_of_the_closed_year_is_kept_too()
    {
        var before = await SnapshotAsync();
        var json = ImportTestData.TokushimaNode();
        json["policies"]![0]!["items"]![7]!["kpis"]![0]!["actual"]!.AsObject().Remove("nameAsWritten");

        var result = await ImportTestData.ImportAsync(database.ConnectionString, ImportTestData.Bytes(json));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.policies[0].items[7].kpis[0]", problem.Path);
        Assert.StartsWith("令和2年度は確定済みのため", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_changed_plan_text_is_updated_alone_and_audited_with_old_and_new_value()
    {
        var json = ImportTestData.TokushimaNode();
        json["policies"]![2]!["items"]![0]!["goal"] = "文書事務を電子化する。";
        await using (var check = database.CreateContext())
        {
            Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Action == "Updated" && a.Field == nameof(ActionItem.Goal)));
        }

        var summary = await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Bytes(json));

        Assert.Equal((0, 1), (summary.Created, summary.Updated));
        Assert.Equal(["取組項目: 作成 0件、更新 1件"], summary.Details);
        await using var db = database.CreateContext();
        var change = await db.AuditEntries.SingleAsync(a => a.Action == "Updated" && a.Field == nameof(ActionItem.Goal));
        Assert.Equal(("文書事務を電子化する。", "importer"), (change.NewValue, change.UserName));
        Assert.Equal(Json["policies"]![2]!["items"]![0]!["goal"]!.GetValue<string>(), change.OldValue);
    }

    private static async Task<Dictionary<string, List<(string Department, string Result, string Improvement)>>> PartsByItemAsync(AppDbContext db)
    {
        var rows = await db.EvaluationParts
            .Join(db.Evaluations, p => p.EvaluationId, e => e.Id, (p, e) => new { p, e.ItemId })
            .Join(db.ActionItems, x => x.ItemId, i => i.Id, (x, i) => new { x.p, i.Number })
            .Join(db.Departments, x => x.p.DepartmentId, d => d.Id, (x, d) => new { x.Number, x.p.SortOrder, d.Name, x.p.ResultText, x.p.ImprovementText })
            .ToListAsync();
        return rows.GroupBy(r => r.Number).ToDictionary(
            g => g.Key,
            g => g.OrderBy(r => r.SortOrder).Select(r => (r.Name, r.ResultText, r.ImprovementText)).ToList());
    }

    /// <summary>Every row's version (xmin) and the audit trail's size: equal only when nothing was written.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = database.CreateContext();
        var versions = new List<uint>();
        versions.AddRange(await db.Plans.Select(p => p.Version).ToListAsync());
        versions.AddRange(await db.PlanYears.Select(p => p.Version).ToListAsync());
        versions.AddRange(await db.ActionItems.OrderBy(i => i.Id).Select(i => i.Version).ToListAsync());
        versions.AddRange(await db.Kpis.OrderBy(k => k.Id).Select(k => k.Version).ToListAsync());
        versions.AddRange(await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Version).ToListAsync());
        versions.AddRange(await db.EvaluationParts.OrderBy(p => p.Id).Select(p => p.Version).ToListAsync());
        var counts = new[]
        {
            await db.AuditEntries.CountAsync(), await db.Departments.CountAsync(), await db.KpiValues.CountAsync(),
            await db.ItemDepartments.CountAsync(), await db.RatingGrades.CountAsync(), await db.Policies.CountAsync(),
        };
        var texts = await db.EvaluationParts.OrderBy(p => p.Id).Select(p => p.ResultText + "|" + p.ImprovementText).ToListAsync();
        texts.AddRange(await db.KpiValues.OrderBy(v => v.Id).Select(v => v.PlannedText + "|" + v.PlannedName + "|" + v.ActualText + "|" + v.ActualName).ToListAsync());
        return string.Join(",", versions) + ";" + string.Join(",", counts) + ";" + string.Join("¦", texts).GetHashCode(StringComparison.Ordinal);
    }
}
