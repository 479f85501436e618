using System.Text;
using System.Text.Json.Nodes;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Import;

/// <summary>A file with problems is refused as a whole: every problem is listed with its JSON path, and nothing is written.</summary>
public sealed class BadFileTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_file_with_three_different_problems_lists_all_three_and_writes_nothing()
    {
        var json = ImportTestData.TokushimaNode();
        json["fiscalYear"] = 2030;
        Item(json, 0, 1)["number"] = 1;
        Item(json, 0, 0)["kpis"]![0]!["target"] = "たくさん";

        var problems = await ProblemsAsync(ImportTestData.Bytes(json));

        Assert.Equal(
            [
                ("$.fiscalYear", "実績の年度の令和12年度は計画期間（令和元年度～令和8年度）の外です。"),
                ("$.policies[0].items[0].kpis[0].target", "「たくさん」は数値として読み取れません。半角または全角の数字で入力してください（例: 12,900件）。"),
                ("$.policies[0].items[1].number", "項目番号「1」が2回以上あります（最初は $.policies[0].items[0]）。"),
            ],
            problems.Select(p => (p.Path, p.Message)).Order());
    }

    [Theory]
    [InlineData("unknown grade", "$.policies[0].items[0].rating", "評価「X」はこの計画の評価区分（S、A、B、C）にありません。")]
    [InlineData("KPI text", "$.policies[0].items[0].kpis[0].actual", "「約80」は数値として読み取れません。")]
    [InlineData("KPI raw", "$.policies[0].items[0].kpis[0].target.raw", "「百六十」は数値として読み取れません。")]
    [InlineData("KPI value type", "$.policies[0].items[0].kpis[0].target.value", "目標値の value は数値で指定してください（現在: \"160\"）。")]
    [InlineData("KPI raw and value differ", "$.policies[0].items[0].kpis[0].target.value", "目標値の value（150）が raw「160」と一致しません。")]
    [InlineData("KPI too precise", "$.policies[0].items[0].kpis[0].actual", "実績値「0.123456%」は桁が多すぎます。整数部14桁・小数部4桁までにしてください。")]
    [InlineData("KPI name as written not a text", "$.policies[0].items[7].kpis[0].actual.nameAsWritten", "実績値の nameAsWritten（報告書に書かれた指標名）は文字列で指定してください（現在: 17183）。")]
    [InlineData("KPI name as written too long", "$.policies[0].items[7].kpis[0].actual.nameAsWritten", "実績値の nameAsWritten（報告書に書かれた指標名）は300文字以内にしてください（現在301文字）。")]
    [InlineData("duplicate item number", "$.policies[1].items[0].number", "項目番号「1」が2回以上あります（最初は $.policies[0].items[0]）。")]
    [InlineData("duplicate policy number", "$.policies[1].number", "方針の番号「1」が2回以上あります。")]
    [InlineData("duplicate KPI", "$.policies[0].items[7].kpis[1].name", "指標「タブレット端末」がこの項目に2回以上あります。")]
    [InlineData("year outside the period", "$.fiscalYear", "実績の年度の平成30年度は計画期間（令和元年度～令和8年度）の外です。")]
    [InlineData("year not a year", "$.fiscalYear", "実績の年度は 2020 や \"令和2年度\" のように年度で指定してください（現在: \"昨年度\"）。")]
    [InlineData("period reversed", "$.plan.periodEndFiscalYear", "計画期間の終了年度（平成30年度）が開始年度（令和元年度）より前になっています。")]
    [InlineData("title too long", "$.policies[0].items[0].title", "項目名は300文字以内にしてください（現在301文字）。")]
    [InlineData("result too long", "$.policies[0].items[0].result", "デジタル推進課の取組実績は10,000文字以内にしてください（現在10,001文字）。")]
    [InlineData("municipality too long", "$.municipality", "自治体名は100文字以内にしてください（現在101文字）。")]
    [InlineData("department too long", "$.policies[0].items[0].departments[0].name", "部署名は100文字以内にしてください（現在101文字）。")]
    [InlineData("missing plan name", "$.plan.name", "計画名を指定してください。")]
    [InlineData("empty item title", "$.policies[0].items[0].title", "項目名を指定してください（空にはできません）。")]
    [InlineData("missing policies", "$.policies", "方針（policies）を指定してください。")]
    [InlineData("missing rating", "$.policies[0].items[0].rating", "公表された実績として取り込むため、自己評価（rating）を指定してください。")]
    [InlineData("misspelt key", "$.policies[0].items[0].raiting", "「raiting」はこの位置では使えない項目です。綴りを確認してください（docs/import-format.md）。")]
    [InlineData("wrong type", "$.policies[0].items", "項目（items）は配列（[ ]）で指定してください。")]
    [InlineData("summary count", "$.summary.counts.S", "評価「S」の件数（4件）が、その評価の項目の数（3件）と一致しません。")]
    public async Task A_bad_value_in_the_Tokushima_file_is_reported_at_its_path(string kind, string path, string message)
    {
        var json = ImportTestData.TokushimaNode();
        var first = Item(json, 0, 0);
        switch (kind)
        {
            case "unknown grade": first["rating"] = "X"; json["summary"]!.AsObject().Remove("counts"); json["summary"]!.AsObject().Remove("total"); break;
            case "KPI text": first["kpis"]![0]!["actual"] = "約80"; break;
            case "KPI raw": first["kpis"]![0]!["target"]!.AsObject().Remove("value"); first["kpis"]![0]!["target"]!["raw"] = "百六十"; break;
            case "KPI value type": first["kpis"]![0]!["target"]!["value"] = "160"; break;
            case "KPI raw and value differ": first["kpis"]![0]!["target"]!["value"] = 150; break;
            case "KPI too precise": first["kpis"]![0]!["actual"] = "0.123456%"; break;
            case "KPI name as written not a text": Item(json, 0, 7)["kpis"]![0]!["actual"]!["nameAsWritten"] = 17183; break;
            case "KPI name as written too long": Item(json, 0, 7)["kpis"]![0]!["actual"]!["nameAsWritten"] = new string('端', 301); break;
            case "duplicate item number": Item(json, 1, 0)["number"] = "1"; break;
            case "duplicate policy number": json["policies"]![1]!["number"] = 1; break;
            case "duplicate KPI": Item(json, 0, 7)["kpis"]![1]!["name"] = "タブレット端末"; break;
            case "year outside the period": json["fiscalYear"] = "平成30年度"; break;
            case "year not a year": json["fiscalYear"] = "昨年度"; break;
            case "period reversed": json["plan"]!["periodEndFiscalYear"] = 2018; break;
            case "title too long": first["title"] = new string('あ', 301); break;
            case "result too long": first["result"] = new string('あ', 10001); break;
            case "municipality too long": json["municipality"] = new string('市', 101); break;
            case "department too long": first["departments"]![0]!["name"] = new string('課', 101); break;
            case "missing plan name": json["plan"]!.AsObject().Remove("name"); break;
            case "empty item title": first["title"] = "  "; break;
            case "missing policies": json.Remove("policies"); break;
            case "missing rating": first.Remove("rating"); json.Remove("summary"); break;
            case "misspelt key": first["raiting"] = "B"; break;
            case "wrong type": json["policies"]![0]!["items"] = "27件"; break;
            case "summary count": json["summary"]!["counts"]!["S"] = 4; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        var problems = await ProblemsAsync(ImportTestData.Bytes(json));

        Assert.Contains(problems, p => p.Path == path && p.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rating outside the scale", "$.policies[0].items[0].evaluations[0].selfRating", "評価「S」はこの計画の評価区分（◎、○、△、×、未、完、止）にありません。")]
    [InlineData("final rating without reason", "$.policies[0].items[0].evaluations[1].finalRatingReason", "自己評価と異なる最終評価には、その理由（finalRatingReason）を指定してください。")]
    [InlineData("evaluation after deletion", "$.policies[0].items[2].evaluations[1].fiscalYear", "この項目は令和3年度から削除のため、令和3年度の評価は取り込めません。")]
    [InlineData("evaluation outside the period", "$.policies[0].items[0].evaluations[1].fiscalYear", "評価の年度の令和6年度は計画期間（令和元年度～令和5年度）の外です。")]
    [InlineData("merged into an unknown item", "$.policies[1].items[0].lifecycle.mergedInto", "統合先の項目番号「99」がファイルにありません。")]
    [InlineData("part of another department", "$.policies[0].items[0].evaluations[0].parts[1].department", "部署「広報課」はこの項目の担当部署（departments）にありません。")]
    [InlineData("returned without comment", "$.policies[0].items[3].evaluations[1].returnComment", "差戻し（returned）の評価には差戻しコメント（returnComment）を指定してください。")]
    [InlineData("former name without a year", "$.policies[0].items[1].departments[0]", "旧名称がいつまでの名称かわかりません。")]
    [InlineData("unknown state", "$.years[1].state", "年度の状態は \"preparing\"、\"open\"、\"inReview\"、\"closed\" のいずれかで指定してください（現在: \"公開\"）。")]
    [InlineData("unknown category", "$.policies[0].items[0].category", "区分「9-9」がこの方針の categories にありません。")]
    [InlineData("duplicate grade", "$.plan.outcomeMarks[0].code", "評価区分「◎」が重複しています。")]
    [InlineData("successor KPI missing", "$.policies[0].items[0].kpis[0].replacedBy", "置き換え後の指標「電子化率」がこの項目の kpis にありません。")]
    [InlineData("schedule phase too long", "$.policies[0].items[0].schedule[0].phase", "スケジュールの段階は20文字以内にしてください（現在21文字）。")]
    public async Task A_bad_value_in_a_whole_plan_file_is_reported_at_its_path(string kind, string path, string message)
    {
        var json = ImportTestData.FixtureNode("suita-whole-plan.json");
        switch (kind)
        {
            case "rating outside the scale": Item(json, 0, 0)["evaluations"]![0]!["selfRating"] = "S"; break;
            case "final rating without reason": Item(json, 0, 0)["evaluations"]![1]!.AsObject().Remove("finalRatingReason"); break;
            case "evaluation after deletion": Item(json, 0, 2)["evaluations"]![1]!["fiscalYear"] = 2021; break;
            case "evaluation outside the period": Item(json, 0, 0)["evaluations"]![1]!["fiscalYear"] = 2024; break;
            case "merged into an unknown item": Item(json, 1, 0)["lifecycle"]!["mergedInto"] = "99"; break;
            case "part of another department": Item(json, 0, 0)["evaluations"]![0]!["parts"]![1]!["department"] = "広報課"; break;
            case "returned without comment": Item(json, 0, 3)["evaluations"]![1]!.AsObject().Remove("returnComment"); break;
            case "former name without a year": Item(json, 0, 1)["departments"]![0] = "税制課（市民税課）"; break;
            case "unknown state": json["years"]![1]!["state"] = "公開"; break;
            case "unknown category": Item(json, 0, 0)["category"] = "9-9"; break;
            case "duplicate grade": json["plan"]!["outcomeMarks"]![0]!["code"] = "◎"; break;
            case "successor KPI missing": Item(json, 0, 0)["kpis"]![0]!["replacedBy"] = "電子化率"; break;
            case "schedule phase too long": Item(json, 0, 0)["schedule"]![0]!["phase"] = new string('研', 21); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        var problems = await ProblemsAsync(ImportTestData.Bytes(json));

        Assert.Contains(problems, p => p.Path == path && p.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_JSON_is_reported_with_its_line_and_character()
    {
        var problems = await ProblemsAsync(ImportTestData.Bytes("{\n  \"municipality\": \"徳島市\" \"plan\": {}\n}"));

        var problem = Assert.Single(problems);
        Assert.Equal("$", problem.Path);
        Assert.Equal("JSON として読み取れません（2行目、25文字目付近）。カンマや引用符、括弧の対応を確認してください。", problem.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_empty_too_large_or_not_an_object_is_refused_with_a_Japanese_message()
    {
        // 「徳島」 in Shift_JIS, as Excel on Japanese Windows saves text.
        var shiftJis = Encoding.ASCII.GetBytes("{\"municipality\": \"").Concat(new byte[] { 0x93, 0xBF, 0x93, 0x87 }).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray();
        Assert.StartsWith("ファイルの文字コードが UTF-8 ではありません。", Assert.Single(await ProblemsAsync(shiftJis)).Message, StringComparison.Ordinal);
        Assert.Equal("ファイルが空です。", Assert.Single(await ProblemsAsync(ImportTestData.Bytes("  "))).Message);
        Assert.StartsWith("ファイルが大きすぎます（64.0 MB）。64 MB 以下のファイルにしてください。", Assert.Single(await ProblemsAsync(new byte[ImportLimits.Default.MaxFileBytes + 1])).Message, StringComparison.Ordinal);
        Assert.Equal(("$", "ファイル全体はオブジェクト（{ }）で指定してください。"), Assert.Single((await ProblemsAsync(ImportTestData.Bytes("[1, 2]"))).Select(p => (p.Path, p.Message))));
        Assert.Contains(await ProblemsAsync(ImportTestData.Bytes("""{"municipality": "a", "municipality": "b", "plan": {}, "policies": []}""")),
            p => p.Path == "$.municipality" && p.Message == "「municipality」が2回以上指定されています。");
    }

    private static JsonObject Item(JsonObject json, int policy, int item) => json["policies"]![policy]!["items"]![item]!.AsObject();

    private async Task<IReadOnlyList<ImportProblem>> ProblemsAsync(byte[] content)
    {
        var result = await ImportTestData.ImportAsync(database.ConnectionString, content);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Problems);
        await using var db = database.CreateContext();
        Assert.Equal((0, 0, 0, 0), (await db.Plans.CountAsync(), await db.Departments.CountAsync(), await db.ActionItems.CountAsync(), await db.AuditEntries.CountAsync()));
        return result.Problems;
    }
}
