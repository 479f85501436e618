using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The plan settings form (新規作成 and 基本設定). Years are typed as 令和6年度, R6 or 2024.</summary>
public sealed partial class PlanSettingsInput
{
    [Required(ErrorMessage = "計画名を入力してください。")]
    [StringLength(Plan.NameMaxLength, ErrorMessage = "計画名は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Name { get; set; }

    [StringLength(Plan.SubtitleMaxLength, ErrorMessage = "副題は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Subtitle { get; set; }

    [Required(ErrorMessage = "自治体名を入力してください。")]
    [StringLength(Plan.MunicipalityMaxLength, ErrorMessage = "自治体名は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Municipality { get; set; }

    [Required(ErrorMessage = "計画期間の開始年度を入力してください。")]
    [PlainText]
    public string? StartYear { get; set; }

    [Required(ErrorMessage = "計画期間の終了年度を入力してください。")]
    [PlainText]
    public string? EndYear { get; set; }

    [Required(ErrorMessage = "第1階層の名称を入力してください。")]
    [StringLength(Plan.LabelMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? PolicyLabel { get; set; } = "取組方針";

    [Required(ErrorMessage = "第2階層の名称を入力してください。")]
    [StringLength(Plan.LabelMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? CategoryLabel { get; set; } = "取組";

    [Required(ErrorMessage = "項目の名称を入力してください。")]
    [StringLength(Plan.LabelMaxLength, ErrorMessage = "名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? ItemLabel { get; set; } = "取組項目";

    public PercentageRounding Rounding { get; set; } = PercentageRounding.HalfUpEach;

    [Required(ErrorMessage = "スケジュールの段階を入力してください。")]
    [PlainText]
    public string? Phases { get; set; } = string.Join("、", Plan.DefaultPhaseNames);

    /// <summary>The scale a new plan starts with (a key of <see cref="ScaleLibrary"/>).</summary>
    [PlainText]
    public string? ScaleKey { get; set; } = ScaleLibrary.TokushimaSabc.Key;

    public uint? Version { get; set; }

    public static PlanSettingsInput From(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new()
        {
            Name = plan.Name,
            Subtitle = plan.Subtitle,
            Municipality = plan.Municipality,
            StartYear = new FiscalYear(plan.StartYear).Label,
            EndYear = new FiscalYear(plan.EndYear).Label,
            PolicyLabel = plan.PolicyLabel,
            CategoryLabel = plan.CategoryLabel,
            ItemLabel = plan.ItemLabel,
            Rounding = plan.Rounding,
            Phases = string.Join("、", plan.Phases),
            Version = plan.Version,
        };
    }

    /// <exception cref="FieldRuleException">A year cannot be read.</exception>
    public PlanSettings ToSettings()
    {
        var start = Year(StartYear, nameof(StartYear));
        var end = Year(EndYear, nameof(EndYear));
        if (end < start)
        {
            throw new FieldRuleException(nameof(EndYear), $"計画期間の終了年度（{end.Label}）が開始年度（{start.Label}）より前になっています。");
        }
        return new PlanSettings(
            Name ?? string.Empty, Subtitle ?? string.Empty, Municipality ?? string.Empty, start, end,
            PolicyLabel ?? string.Empty, CategoryLabel ?? string.Empty, ItemLabel ?? string.Empty, Rounding, SplitPhases(Phases));
    }

    /// <summary>Phase names separated by 、 , or line breaks.</summary>
    public static IReadOnlyList<string> SplitPhases(string? text) =>
        PhaseSeparator().Split(text ?? string.Empty).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    private static FiscalYear Year(string? text, string field) => FiscalYear.TryParse(text, out var year)
        ? year
        : throw new FieldRuleException(field, $"年度「{text?.Trim()}」を読み取れません。令和6年度、R6、2024 のように入力してください。");

    [GeneratedRegex(@"[、,，\r\n]+")]
    private static partial Regex PhaseSeparator();
}
