using System.Globalization;
using System.Text.Json;

namespace DxTracker.Tests.Import;

/// <summary>What a generated plan file holds, for the measurement's table.</summary>
public sealed record GeneratedFile(int Items, int Kpis, int KpiValues, int Evaluations, int Parts, long Bytes);

/// <summary>
/// Writes a whole-plan import file (docs/import-format.md, 計画全体形式) of any size, deterministically: 6 policies,
/// 40 departments, items with 1–3 departments (the second and third related), 3 KPIs per item with 予定 and 実績 for
/// each of the 8 plan years, and an evaluation per item and year with a text per department — the years before the
/// last two closed, the one before last in review, the last open with drafts. Written by streaming, so that the
/// generator itself does not dominate the importer's memory.
/// </summary>
public static class PlanFileGenerator
{
    private const int FirstYear = 2019;
    private const int Years = 8;
    private const int Departments = 40;

    public static GeneratedFile Write(Stream output, int items, string municipality = "取込ベンチ市")
    {
        var random = new Random(items);
        int kpis = 0, values = 0, evaluations = 0, parts = 0;
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("municipality", municipality);
            json.WriteStartObject("plan");
            json.WriteString("name", "DX推進計画");
            json.WriteNumber("periodStartFiscalYear", FirstYear);
            json.WriteNumber("periodEndFiscalYear", FirstYear + Years - 1);
            json.WriteEndObject();
            json.WriteStartArray("years");
            for (var year = FirstYear; year < FirstYear + Years; year++)
            {
                json.WriteStartObject();
                json.WriteNumber("fiscalYear", year);
                json.WriteString("state", year == FirstYear + Years - 1 ? "open" : year == FirstYear + Years - 2 ? "inReview" : "closed");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("policies");
            var perPolicy = (items + 5) / 6;
            for (var policy = 1; policy <= 6; policy++)
            {
                json.WriteStartObject();
                json.WriteNumber("number", policy);
                json.WriteString("title", $"取組方針{policy}：行政サービスのデジタル化の推進");
                json.WriteStartArray("items");
                for (var n = (policy - 1) * perPolicy + 1; n <= Math.Min(items, policy * perPolicy); n++)
                {
                    var departments = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(Departments)).Distinct().ToList();
                    json.WriteStartObject();
                    json.WriteString("number", n.ToString(CultureInfo.InvariantCulture));
                    json.WriteString("title", $"取組項目{n}：窓口手続のオンライン化");
                    json.WriteString("content", $"(1) 申請手続{n}をオンライン化する。\n(2) 職員研修を実施する。");
                    json.WriteString("goal", "・市民の利便性の向上と事務の効率化を図る。");
                    json.WriteStartArray("departments");
                    for (var d = 0; d < departments.Count; d++)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", DepartmentName(departments[d]));
                        json.WriteString("role", d == 0 ? "lead" : "related");
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteStartArray("kpis");
                    for (var k = 1; k <= 3; k++)
                    {
                        kpis++;
                        json.WriteStartObject();
                        json.WriteString("name", $"指標{k}");
                        json.WriteString("unit", "件");
                        json.WriteStartArray("values");
                        for (var year = FirstYear; year < FirstYear + Years; year++)
                        {
                            values++;
                            json.WriteStartObject();
                            json.WriteNumber("fiscalYear", year);
                            json.WriteString("planned", $"{100 * (year - FirstYear + 1):N0}件");
                            if (year < FirstYear + Years - 1)
                            {
                                json.WriteString("actual", $"{random.Next(50, 150) * (year - FirstYear + 1):N0}件");
                            }
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteStartArray("evaluations");
                    for (var year = FirstYear; year < FirstYear + Years; year++)
                    {
                        evaluations++;
                        var open = year == FirstYear + Years - 1;
                        json.WriteStartObject();
                        json.WriteNumber("fiscalYear", year);
                        json.WriteString("status", open ? "draft" : year == FirstYear + Years - 2 ? "submitted" : "approved");
                        json.WriteString("selfRating", "SABC"[random.Next(4)].ToString());
                        json.WriteStartArray("parts");
                        foreach (var department in departments)
                        {
                            parts++;
                            json.WriteStartObject();
                            json.WriteString("department", DepartmentName(department));
                            json.WriteString("result", $"{year}年度は、申請手続{n}のオンライン化に向けて、関係課と調整のうえ様式を見直し、受付を開始した。");
                            json.WriteString("improvement", "利用率の向上に向けて、周知を強化する。");
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return new GeneratedFile(items, kpis, values, evaluations, parts, output.CanSeek ? output.Length : -1);
    }

    private static string DepartmentName(int index) => $"ベンチ第{index + 1}課";
}
