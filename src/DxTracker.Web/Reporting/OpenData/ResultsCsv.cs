using System.Globalization;
using System.Text;

namespace DxTracker.Web.Reporting.OpenData;

/// <summary>
/// results.csv: the year's results as open data, one row per item (columns in <c>docs/api.md</c>). UTF-8 with a
/// byte order mark (so that Excel reads Japanese correctly), CRLF between records, RFC 4180 quoting (a field with a
/// comma, double quote or line break is quoted, double quotes doubled; line breaks inside a field stay LF).
/// A field starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading <c>'</c> so that a
/// spreadsheet opening the file shows the text instead of running it as a formula (CSV injection).
/// </summary>
public static class ResultsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The header row, in column order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "計画名", "年度", "年度（和暦）", "取組方針番号", "取組方針", "取組項目番号", "取組項目",
        "評価", "自己評価", "取組実績", "改善・拡充策、課題等", "担当部署", "確定",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file's bytes, byte order mark first.</summary>
    public static byte[] ToBytes(AnnualReportModel model)
    {
        var text = ToText(model);
        var preamble = Utf8WithBom.GetPreamble();
        var bytes = new byte[preamble.Length + Utf8WithBom.GetByteCount(text)];
        preamble.CopyTo(bytes, 0);
        Utf8WithBom.GetBytes(text, 0, text.Length, bytes, preamble.Length);
        return bytes;
    }

    /// <summary>The file's text without the byte order mark.</summary>
    public static string ToText(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var csv = new StringBuilder();
        AppendRecord(csv, Columns);
        var year = model.FiscalYear.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var policy in model.Policies)
        {
            var policyNumber = policy.Number.ToString(CultureInfo.InvariantCulture);
            foreach (var item in policy.Items)
            {
                AppendRecord(csv, [
                    model.PlanName,
                    year,
                    model.FiscalYear.Label,
                    policyNumber,
                    policy.Title,
                    item.Number,
                    item.Title,
                    item.EffectiveRating ?? string.Empty,
                    item.SelfRating ?? string.Empty,
                    AnnualReportText.ResultWithoutKpis(item),
                    AnnualReportText.Improvement(item),
                    AnnualReportText.Departments(item),
                    item.IsApproved && model.IsFinal ? "確定" : "未確定",
                ]);
            }
        }

        return csv.ToString();
    }

    /// <summary>One field as written: defused if it could start a formula, quoted if it needs to be.</summary>
    public static string Field(string? value)
    {
        var text = (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    private static void AppendRecord(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }

            csv.Append(Field(field));
            first = false;
        }

        csv.Append("\r\n");
    }
}
