using System.Globalization;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Components;

/// <summary>Dates as municipal documents write them: 令和4年5月31日, in Japan time.</summary>
public static class JapaneseDates
{
    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(JapanOffset).DateTime);
    }

    /// <summary>令和4年5月31日 (the era year from the fiscal-year table: January–March belong to the era of that calendar year).</summary>
    public static string Format(DateOnly date)
    {
        var era = new FiscalYear(date.Year).Label;
        var eraName = era[..2];
        var eraYear = era[2..^2];
        return string.Create(CultureInfo.InvariantCulture, $"{eraName}{eraYear}年{date.Month}月{date.Day}日");
    }

    public static string FormatDateTime(DateTimeOffset at)
    {
        var local = at.ToOffset(JapanOffset);
        return string.Create(CultureInfo.InvariantCulture, $"{Format(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}");
    }

    public static int DaysLeft(DateOnly deadline, TimeProvider clock) => deadline.DayNumber - Today(clock).DayNumber;

    public static string DaysLeftText(DateOnly deadline, TimeProvider clock) => DaysLeft(deadline, clock) switch
    {
        > 0 and var days => $"あと{days}日",
        0 => "本日まで",
        var days => $"{-days}日超過",
    };
}
