using DxTracker.Web.Domain;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The successor plan form (後継計画の作成): the new plan's name and period, and the items it carries.</summary>
public sealed class SuccessorInput
{
    public string? Name { get; set; }

    public string? Subtitle { get; set; }

    public string? StartYear { get; set; }

    public string? EndYear { get; set; }

    public HashSet<int> ItemIds { get; } = [];

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
