using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DxTracker.Web.Domain.Kpis;

/// <summary>
/// KPI values as people type them and documents print them: <c>12,900件</c>, <c>１２，９００</c>,
/// <c>０．０６％</c>, <c>▲16.7%</c>, <c>2件/週</c>, <c>未測定</c>.
/// </summary>
public static partial class KpiValueText
{
    private const string NumberFormat = "#,0.############################";

    // What documents and staff write for "no value this year"; a lone dash is a blank cell, not a minus.
    private static readonly HashSet<string> NotMeasuredTexts = new(StringComparer.Ordinal)
    {
        "未測定", "未計測", "本年度未測定", "本年度未計測",
        "-", "－", "―", "—", "–", "−", "‐", "ー",
    };

    /// <summary>
    /// Reads a number with an optional sign before it (▲ △ - − +) and an optional unit after it.
    /// Full-width digits, separators and symbols count as their half-width forms, in the number and the unit;
    /// <see cref="KpiMeasurement.OriginalText"/> keeps the text as typed. Empty text, 未測定, 未計測 and a
    /// lone dash (also in parentheses, as in 「（本年度未測定）」) are <see cref="KpiMeasurement.NotMeasured"/>.
    /// </summary>
    /// <param name="text">What was typed or printed.</param>
    /// <param name="measurement">The reading; null when the text is not a value.</param>
    /// <param name="error">A Japanese message for the user naming the text; null when it was read.</param>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out KpiMeasurement? measurement,
        [NotNullWhen(false)] out string? error)
    {
        var original = text?.Trim() ?? string.Empty;
        error = null;
        if (IsNotMeasured(original))
        {
            measurement = new KpiMeasurement(null, string.Empty, original, NotMeasured: true);
            return true;
        }

        if (TryReadNumber(original, out var value, out var unit))
        {
            measurement = new KpiMeasurement(value, unit, original, NotMeasured: false);
            return true;
        }

        measurement = null;
        error = $"「{original}」は数値として読み取れません。半角または全角の数字で入力してください（例: 12,900件）。";
        return false;
    }

    /// <exception cref="DomainRuleException">The text is not a KPI value.</exception>
    public static KpiMeasurement Parse(string text) => TryParse(text, out var measurement, out var error)
        ? measurement
        : throw new DomainRuleException(error);

    /// <summary>
    /// The value as municipal documents print it: thousands separators, no trailing zeros, ▲ for minus,
    /// then the unit (<c>12,900件</c>, <c>0.06%</c>, <c>▲16.7%</c>).
    /// </summary>
    public static string Format(decimal value, string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var number = Math.Abs(value).ToString(NumberFormat, CultureInfo.InvariantCulture);
        return (value < 0 ? "▲" : string.Empty) + number + unit;
    }

    /// <summary>
    /// 達成率 in percent, rounded half up to one decimal: actual ÷ planned × 100 when higher is better,
    /// planned ÷ actual × 100 when lower is better. Null when either value is missing or no meaningful
    /// ratio exists: planned 0 (higher is better); actual 0 against a planned value above 0, or any
    /// negative value (lower is better). Lower is better with planned and actual both 0 is 100.
    /// </summary>
    public static decimal? AchievementRate(decimal? planned, decimal? actual, KpiDirection direction)
    {
        if (planned is not { } plan || actual is not { } result)
        {
            return null;
        }

        decimal? rate = direction switch
        {
            KpiDirection.HigherIsBetter when plan == 0 => null,
            KpiDirection.HigherIsBetter => result / plan * 100m,
            KpiDirection.LowerIsBetter when plan < 0 || result < 0 => null,
            KpiDirection.LowerIsBetter when result == 0 => plan == 0 ? 100m : null,
            KpiDirection.LowerIsBetter => plan / result * 100m,
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
        };
        return rate is { } r ? Math.Round(r, 1, MidpointRounding.AwayFromZero) : null;
    }

    private static bool IsNotMeasured(string text)
    {
        if (text.Length >= 2 && text[0] is '(' or '（' && text[^1] is ')' or '）')
        {
            text = text[1..^1].Trim();
        }
        return text.Length == 0 || NotMeasuredTexts.Contains(text);
    }

    private static bool TryReadNumber(string text, out decimal value, out string unit)
    {
        value = 0;
        unit = string.Empty;
        var match = Pattern().Match(FullWidth.ToHalfWidth(text).Replace('−', '-'));
        if (!match.Success)
        {
            return false;
        }

        unit = match.Groups["unit"].Value;
        if (unit.Length > 0 && (unit[0] is ',' or '.' or '、' or '。' || unit.Any(char.IsDigit)))
        {
            return false;
        }

        var digits = match.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (match.Groups["sign"].Value is "-" or "▲" or "△" && value != 0)
        {
            value = -value;
        }
        return true;
    }

    [GeneratedRegex(
        @"^(?<sign>[-+▲△])?\s*(?<number>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(?<unit>.*)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
