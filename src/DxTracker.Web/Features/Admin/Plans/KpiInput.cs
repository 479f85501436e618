using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The form of a new KPI (評価指標を追加する).</summary>
public sealed class KpiInput
{
    [Required(ErrorMessage = "指標名を入力してください。")]
    [StringLength(Kpi.NameMaxLength, ErrorMessage = "指標名は{1}文字以内で入力してください。")]
    public string? Name { get; set; }

    [StringLength(Kpi.UnitMaxLength, ErrorMessage = "単位は{1}文字以内で入力してください。")]
    public string? Unit { get; set; }

    public KpiDirection Direction { get; set; } = KpiDirection.HigherIsBetter;

    [StringLength(Kpi.TextMaxLength, ErrorMessage = "基準値は{1}文字以内で入力してください。")]
    public string? Baseline { get; set; }

    public string? BaselineYear { get; set; }

    /// <summary>適用開始年度: empty for the plan's first year.</summary>
    public string? FromYear { get; set; }

    public KpiDetails ToDetails() => new(Name ?? string.Empty, Unit ?? string.Empty, Direction, Baseline ?? string.Empty, Year(BaselineYear, nameof(BaselineYear)));

    public FiscalYear? From() => Year(FromYear, nameof(FromYear));

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
