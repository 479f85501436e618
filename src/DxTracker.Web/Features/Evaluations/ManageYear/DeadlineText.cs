using System.Globalization;
using System.Text.RegularExpressions;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Features.Evaluations.ManageYear;

/// <summary>
/// An entry deadline as staff type it: 2022-06-30, 2022/6/30, 2022年6月30日 or 令和4年6月30日 (令和元年, 平成 too),
/// with full-width digits accepted.
/// </summary>
public static partial class DeadlineText
{
    public static bool TryParse(string? text, out DateOnly date, out string error)
    {
        date = default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "入力期限を入力してください。";
            return false;
        }
        var input = FullWidth.ToHalfWidth(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        int year, month, day;
        if (Western().Match(input) is { Success: true } western)
        {
            (year, month, day) = (Number(western, "y"), Number(western, "m"), Number(western, "d"));
        }
        else if (Era().Match(input) is { Success: true } era)
        {
            var eraYear = era.Groups["y"].Value == "元" ? 1 : Number(era, "y");
            year = (era.Groups["era"].Value == "令和" ? 2018 : 1988) + eraYear;
            (month, day) = (Number(era, "m"), Number(era, "d"));
        }
        else
        {
            error = "日付として読み取れません。2022-06-30 または 令和4年6月30日 の形で入力してください。";
            return false;
        }
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "存在しない日付です。";
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})(?:-|/|年)(?<m>\d{1,2})(?:-|/|月)(?<d>\d{1,2})日?$")]
    private static partial Regex Western();

    [GeneratedRegex(@"^(?<era>令和|平成)(?<y>\d{1,2}|元)年(?<m>\d{1,2})月(?<d>\d{1,2})日$")]
    private static partial Regex Era();
}
