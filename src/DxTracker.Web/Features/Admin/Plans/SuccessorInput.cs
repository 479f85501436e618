using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The successor plan form (後継計画の作成): the new plan's name and period, and the items it carries.</summary>
public sealed class SuccessorInput
{
    [Required(ErrorMessage = "新しい計画の名称を入力してください。")]
    [StringLength(Plan.NameMaxLength, ErrorMessage = "計画の名称は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Name { get; set; }

    [StringLength(Plan.SubtitleMaxLength, ErrorMessage = "副題は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Subtitle { get; set; }

    [Required(ErrorMessage = "計画期間の開始年度を入力してください。")]
    [PlainText]
    public string? StartYear { get; set; }

    [Required(ErrorMessage = "計画期間の終了年度を入力してください。")]
    [PlainText]
    public string? EndYear { get; set; }

    public HashSet<int> ItemIds { get; } = [];

    /// <summary>The form for a successor of <paramref name="list"/>'s plan: it starts the year after the plan ends, with the active items chosen.</summary>
    public static SuccessorInput For(ItemList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var plan = list.Plan;
        var input = new SuccessorInput { StartYear = new FiscalYear(plan.EndYear + 1 > FiscalYear.MaxYear ? plan.EndYear : plan.EndYear + 1).Label };
        input.ItemIds.UnionWith(list.Items.Where(i => i.Status == ItemStatus.Active).Select(i => i.Id));
        return input;
    }

    /// <exception cref="FieldRuleException">The name is empty, a year cannot be read, or the period runs backwards.</exception>
    public SuccessorSettings ToSettings()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new FieldRuleException(nameof(Name), "新しい計画の名称を入力してください。");
        }
        var start = Year(StartYear, nameof(StartYear));
        var end = Year(EndYear, nameof(EndYear));
        if (end < start)
        {
            throw new FieldRuleException(nameof(EndYear), $"計画期間の終了年度（{end.Label}）が開始年度（{start.Label}）より前になっています。");
        }
        return new SuccessorSettings(Name.Trim(), Subtitle?.Trim() ?? string.Empty, start, end);
    }

    private static FiscalYear Year(string? text, string field) => FiscalYear.TryParse(text, out var year)
        ? year
        : throw new FieldRuleException(field, string.IsNullOrWhiteSpace(text)
            ? "年度を入力してください。"
            : $"年度「{text.Trim()}」を読み取れません。令和6年度、R6、2024 のように入力してください。");
}
