using System.Globalization;
using System.Text.Json;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// Reads the fields of one JSON object, reporting each problem with its path and going on, so that one
/// pass over a file lists every problem. Keys that are neither read nor ignored are reported as unknown:
/// a misspelt key (<c>raiting</c>) must not drop data silently.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement element;
    private readonly List<ImportProblem> problems;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private JsonFields(JsonElement element, string path, List<ImportProblem> problems)
    {
        this.element = element;
        Path = path;
        this.problems = problems;
    }

    public string Path { get; }

    /// <summary>The object at <paramref name="path"/>, or null (with a problem) when the value is not an object.</summary>
    public static JsonFields? Open(JsonElement element, string path, string what, List<ImportProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"{what}はオブジェクト（{{ }}）で指定してください。"));
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                problems.Add(new(Join(path, property.Name), $"「{property.Name}」が2回以上指定されています。"));
            }
        }
        return new JsonFields(element, path, problems);
    }

    public static string Join(string path, string key) => $"{path}.{key}";

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public string PathOf(string key) => Join(Path, key);

    public void Problem(string key, string message) => problems.Add(new(PathOf(key), message));

    /// <summary>Keys that may be present and carry nothing to import (notes, raw texts of the source document).</summary>
    public void Ignore(params string[] keys)
    {
        foreach (var key in keys)
        {
            known.Add(key);
        }
    }

    public bool Has(string key) => element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The value, or null when absent or JSON null.</summary>
    public JsonElement? Get(string key)
    {
        known.Add(key);
        return element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string? Text(string key, string label, int maxLength, bool required = false)
    {
        if (Get(key) is not { } value)
        {
            if (required)
            {
                Problem(key, $"{label}を指定してください。");
            }
            return null;
        }
        var text = ReadText(value, PathOf(key), label);
        if (text is null)
        {
            return null;
        }
        if (required && text.Trim().Length == 0)
        {
            Problem(key, $"{label}を指定してください（空にはできません）。");
            return null;
        }
        return CheckLength(key, text, label, maxLength);
    }

    /// <summary>A text that may also be written as an array of lines (as <c>summary.conclusion</c>): lines are joined with line breaks.</summary>
    public string? TextOrLines(string key, string label, int maxLength)
    {
        if (Get(key) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            var lines = new List<string>();
            var index = 0;
            foreach (var line in value.EnumerateArray())
            {
                if (ReadText(line, Index(PathOf(key), index), label) is { } text)
                {
                    lines.Add(text);
                }
                index++;
            }
            return CheckLength(key, string.Join('\n', lines), label, maxLength);
        }
        return Text(key, label, maxLength);
    }

    public int? Integer(string key, string label, int min, int max, bool required = false)
    {
        if (Get(key) is not { } value)
        {
            if (required)
            {
                Problem(key, $"{label}を指定してください。");
            }
            return null;
        }
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            number = n;
        }
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(FullWidthDigits(value.GetString()!), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            Problem(key, $"{label}は整数で指定してください（現在: {Describe(value)}）。");
            return null;
        }
        if (number < min || number > max)
        {
            Problem(key, $"{label}は{min}から{max}までの整数で指定してください（現在: {number}）。");
            return null;
        }
        return number;
    }

    /// <summary>A fiscal year: 2020, "2020", "令和2年度", "R2".</summary>
    public int? FiscalYearValue(string key, string label, bool required = false)
    {
        if (Get(key) is not { } value)
        {
            if (required)
            {
                Problem(key, $"{label}を指定してください。");
            }
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is not null && FiscalYear.TryParse(text, out var year))
        {
            return year.Year;
        }
        Problem(key, $"{label}は 2020 や \"令和2年度\" のように年度で指定してください（現在: {Describe(value)}）。");
        return null;
    }

    /// <summary>A date written as "2022-05-31".</summary>
    public DateOnly? Date(string key, string label)
    {
        if (Get(key) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem(key, $"{label}は \"2022-05-31\" のように年-月-日で指定してください（現在: {Describe(value)}）。");
        return null;
    }

    /// <summary>One of a fixed set of words (English keys of the format, or their Japanese labels).</summary>
    public T? Choice<T>(string key, string label, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (Get(key) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!.Trim(), out var choice))
        {
            return choice;
        }
        var allowed = string.Join("、", choices.Keys.Where(k => k.All(char.IsAscii)).Select(k => $"\"{k}\""));
        Problem(key, $"{label}は {allowed} のいずれかで指定してください（現在: {Describe(value)}）。");
        return null;
    }

    /// <summary>The elements of an array with their paths; nothing (with a problem) when the value is not an array.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Array(string key, string label, bool required = false)
    {
        if (Get(key) is not { } value)
        {
            if (required)
            {
                Problem(key, $"{label}を指定してください。");
            }
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(key, $"{label}は配列（[ ]）で指定してください。");
            return [];
        }
        return value.EnumerateArray().Select((e, i) => (e, Index(PathOf(key), i))).ToList();
    }

    public JsonFields? Object(string key, string label, bool required = false)
    {
        if (Get(key) is not { } value)
        {
            if (required)
            {
                Problem(key, $"{label}を指定してください。");
            }
            return null;
        }
        return Open(value, PathOf(key), label, problems);
    }

    /// <summary>Reports every key that was neither read nor ignored.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                problems.Add(new(PathOf(property.Name), $"「{property.Name}」はこの位置では使えない項目です。綴りを確認してください（docs/import-format.md）。"));
            }
        }
    }

    /// <summary>A string value, reported when it is another type; numbers are accepted for short codes (項目番号 1).</summary>
    public string? ReadText(JsonElement value, string path, string label)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                problems.Add(new(path, $"{label}は文字列で指定してください（現在: {Describe(value)}）。"));
                return null;
        }
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "配列",
        JsonValueKind.Object => "オブジェクト",
        _ => "null",
    };

    private string? CheckLength(string key, string text, string label, int maxLength)
    {
        if (text.Length > maxLength)
        {
            Problem(key, $"{label}は{maxLength:#,0}文字以内にしてください（現在{text.Length:#,0}文字）。");
            return null;
        }
        return text;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FullWidthDigits(string text) =>
        new(text.Trim().Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray());
}
