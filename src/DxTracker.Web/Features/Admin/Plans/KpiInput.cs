using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// The form of a KPI (評価指標): a new one (with its first year), an existing one, and the one that replaces it
/// (with the year it takes over). Texts are as typed; years as 令和6年度, R6 or 2024.
/// </summary>
public sealed record KpiInput
{
    [Required(ErrorMessage = "指標名を入力してください。")]
    [StringLength(Kpi.NameMaxLength, ErrorMessage = "指標名は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Name { get; set; }

    [StringLength(Kpi.UnitMaxLength, ErrorMessage = "単位は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Unit { get; set; }

    public KpiDirection Direction { get; set; } = KpiDirection.HigherIsBetter;

    [StringLength(Kpi.TextMaxLength, ErrorMessage = "基準値は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Baseline { get; set; }

    [PlainText]
    public string? BaselineYear { get; set; }

    /// <summary>適用開始年度 of a new KPI (empty for the plan's first year), or the year a replacement takes over.</summary>
    [PlainText]
    public string? FromYear { get; set; }

    /// <summary>The version of the KPI the form was opened with (edit and replace).</summary>
    public uint? Version { get; set; }

    /// <summary>The edit form of <paramref name="kpi"/>, as saved.</summary>
    public static KpiInput From(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return new()
        {
            Name = kpi.Name, Unit = kpi.Unit, Direction = kpi.Direction, Baseline = kpi.BaselineText,
            BaselineYear = kpi.BaselineYear is { } y ? new FiscalYear(y).Label : null, Version = kpi.Version,
        };
    }

    /// <summary>The form of the KPI that replaces <paramref name="kpi"/>: its unit and direction to start from.</summary>
    public static KpiInput ReplacementOf(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        return new() { Unit = kpi.Unit, Direction = kpi.Direction, Version = kpi.Version };
    }

    public KpiDetails ToDetails() => new(Name ?? string.Empty, Unit ?? string.Empty, Direction, Baseline ?? string.Empty, Year(BaselineYear, nameof(BaselineYear)));

    public FiscalYear? From() => Year(FromYear, nameof(FromYear));

    /// <summary>The year a replacement takes over, which must be given.</summary>
    /// <exception cref="FieldRuleException">It is empty or cannot be read.</exception>
    public FiscalYear ReplacingFrom() => From() ?? throw new FieldRuleException(nameof(FromYear), "置き換える年度を入力してください。");

    private static FiscalYear? Year(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return FiscalYear.TryParse(text, out var year)
            ? year
            : throw new FieldRuleException(field, $"年度「{text.Trim()}」を読み取れません。令和6年度、R6、2024 のように入力してください。");
    }
}
