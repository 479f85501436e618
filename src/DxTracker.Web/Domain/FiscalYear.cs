using System.Globalization;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace DxTracker.Web.Domain;

/// <summary>
/// 年度: the fiscal year from April to March, stored as the Western year it starts in
/// (2020 = 令和2年度 = April 2020 to March 2021).
/// </summary>
/// <remarks>
/// Labels come from the era table below, not from <see cref="JapaneseCalendar"/>, which needs ICU
/// and fails under invariant globalization. <c>default(FiscalYear)</c> (year 0) is not a fiscal year.
/// </remarks>
public readonly partial record struct FiscalYear(int Year) : IComparable<FiscalYear>
{
    public const int MinYear = 1868;
    public const int MaxYear = 2200;

    // Oldest first. A fiscal year takes the era whose start year is ≤ its year, latest wins: FY2019 = 令和元年度 as municipal documents write it, although Reiwa began on 1 May 2019.
    private static readonly JapaneseEra[] Eras =
    [
        new("明治", 'M', 1868),
        new("大正", 'T', 1912),
        new("昭和", 'S', 1926),
        new("平成", 'H', 1989),
        new("令和", 'R', 2019),
    ];

    public int Year { get; } = Year is >= MinYear and <= MaxYear
        ? Year
        : throw new DomainRuleException($"年度は{MinYear}年度から{MaxYear}年度までの範囲で指定してください。");

    /// <summary>令和2年度, 令和元年度, 平成30年度.</summary>
    public string Label => FindEra(Year) is { } era
        ? $"{era.Name}{EraYearText(era)}年度"
        : Invariant($"{Year}年度");

    /// <summary>令和2年度（2020年度）.</summary>
    public string LabelWithWestern => Invariant($"{Label}（{Year}年度）");

    /// <summary>R2, R1 (元年), H30.</summary>
    public string ShortLabel => FindEra(Year) is { } era
        ? Invariant($"{era.Letter}{EraYear(era)}")
        : Invariant($"{Year}");

    /// <summary>The fiscal year a day belongs to: 1 April starts a new one.</summary>
    public static FiscalYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public FiscalYear Next() => new(Year + 1);

    public FiscalYear Previous() => new(Year - 1);

    public int CompareTo(FiscalYear other) => Year.CompareTo(other.Year);

    public static bool operator <(FiscalYear left, FiscalYear right) => left.CompareTo(right) < 0;

    public static bool operator <=(FiscalYear left, FiscalYear right) => left.CompareTo(right) <= 0;

    public static bool operator >(FiscalYear left, FiscalYear right) => left.CompareTo(right) > 0;

    public static bool operator >=(FiscalYear left, FiscalYear right) => left.CompareTo(right) >= 0;

    public override string ToString() => Label;

    /// <summary>
    /// Reads 2020, ２０２０, 2020年度, 令和2年度, 令和２年度, 令和元年度, R2, R2年度, 平成30年度 and
    /// 令和2年度（2020年度）, with surrounding spaces. An era's year may run into the next era's first
    /// year (平成31年度 = 2019, as written before May 2019) but no further.
    /// </summary>
    public static bool TryParse(string? text, out FiscalYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(FullWidth.ToHalfWidth(text.Trim()));
        if (!match.Success)
        {
            return false;
        }

        int value;
        if (match.Groups["western"].Success)
        {
            value = int.Parse(match.Groups["western"].ValueSpan, CultureInfo.InvariantCulture);
        }
        else if (!TryReadEraYear(match.Groups["era"].Value, match.Groups["number"].Value, out value))
        {
            return false;
        }

        if (value is < MinYear or > MaxYear)
        {
            return false;
        }
        if (match.Groups["check"].Success
            && int.Parse(match.Groups["check"].ValueSpan, CultureInfo.InvariantCulture) != value)
        {
            return false;
        }

        year = new FiscalYear(value);
        return true;
    }

    /// <exception cref="DomainRuleException">The text is not a fiscal year.</exception>
    public static FiscalYear Parse(string? text) => TryParse(text, out var year)
        ? year
        : throw new DomainRuleException($"年度「{text?.Trim()}」を読み取れません。2020 や 令和2年度 のように入力してください。");

    private static bool TryReadEraYear(string eraText, string numberText, out int year)
    {
        year = 0;
        var index = Array.FindIndex(Eras, e =>
            e.Name == eraText || string.Equals(e.Letter.ToString(), eraText, StringComparison.OrdinalIgnoreCase));
        var number = numberText == "元" ? 1 : int.Parse(numberText, CultureInfo.InvariantCulture);
        if (index < 0 || number < 1)
        {
            return false;
        }

        year = Eras[index].StartYear + number - 1;
        return index == Eras.Length - 1 || year <= Eras[index + 1].StartYear;
    }

    private static JapaneseEra? FindEra(int year) => Array.FindLast(Eras, e => e.StartYear <= year);

    private int EraYear(JapaneseEra era) => Year - era.StartYear + 1;

    private string EraYearText(JapaneseEra era) => EraYear(era) == 1 ? "元" : Invariant($"{EraYear(era)}");

    [GeneratedRegex(
        @"^(?:(?<era>明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(?<number>[0-9]{1,3}|元)|(?<western>[0-9]{4}))\s*(?:年度|年)?(?:\s*\(\s*(?<check>[0-9]{4})\s*(?:年度|年)?\s*\))?\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    private sealed record JapaneseEra(string Name, char Letter, int StartYear);
}
