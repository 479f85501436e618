namespace DxTracker.Web.Domain.Kpis;

/// <summary>
/// A KPI value (予定値・実績値) as read from what was typed or printed: the number, its unit, and the
/// text itself, which is what reports show (<c>12,900件</c>, <c>▲16.7%</c>, <c>2件/週</c>).
/// </summary>
/// <param name="Value">The number; null when not measured.</param>
/// <param name="Unit">What follows the number (件, %, 件/週), empty when there is none.</param>
/// <param name="OriginalText">The input with only the surrounding whitespace trimmed.</param>
/// <param name="NotMeasured">未測定: no value for the year (yet).</param>
public sealed record KpiMeasurement(decimal? Value, string Unit, string OriginalText, bool NotMeasured)
{
    /// <summary>
    /// The indicator's name as a published report printed it beside this value, when the report used another name
    /// than the KPI's (【GIGAタブレット端末：17,183台】 for the KPI タブレット端末). Null keeps the name the stored value
    /// has; an empty text clears it. Set by imports of published reports, never by typing a value in the app.
    /// </summary>
    public string? NameAsWritten { get; init; }
}
