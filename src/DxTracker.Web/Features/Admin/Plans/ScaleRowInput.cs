using System.Globalization;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>One row of the scale table (評価区分): blank rows add a grade, a ticked 削除 removes one.</summary>
public sealed class ScaleRowInput
{
    [PlainText]
    public string? Order { get; set; }

    public GradeKind Kind { get; set; } = GradeKind.Grade;

    [PlainText]
    public string? Code { get; set; }

    [PlainText]
    public string? Label { get; set; }

    [PlainText]
    public string? Definition { get; set; }

    public bool Remove { get; set; }

    public static ScaleRowInput From(RatingGrade grade, int order)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return new() { Order = order.ToString(CultureInfo.InvariantCulture), Kind = grade.Kind, Code = grade.Code, Label = grade.Label, Definition = grade.Definition };
    }

    /// <summary>The grades the rows describe, by their order (then as listed); empty and removed rows are left out.</summary>
    /// <exception cref="FieldRuleException">A row lacks its code or definition, or its order is not a whole number; the field is 「code-N」, 「definition-N」 or 「order-N」.</exception>
    public static IReadOnlyList<GradeDraft> ToDrafts(IReadOnlyList<ScaleRowInput> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var drafts = new List<(int Order, int Index, GradeDraft Grade)>();
        for (var i = 1; i <= rows.Count; i++)
        {
            var row = rows[i - 1];
            var n = i.ToString(CultureInfo.InvariantCulture);
            var code = row.Code?.Trim() ?? string.Empty;
            var definition = row.Definition?.Trim() ?? string.Empty;
            if (row.Remove || (code.Length == 0 && definition.Length == 0))
            {
                continue;
            }
            if (code.Length == 0)
            {
                throw new FieldRuleException($"code-{n}", $"{n}行目の記号を入力してください。");
            }
            if (definition.Length == 0)
            {
                throw new FieldRuleException($"definition-{n}", $"{n}行目（{code}）の定義を入力してください。");
            }
            int? order;
            try
            {
                order = WholeNumber.Parse(row.Order, $"{n}行目の表示順");
            }
            catch (DomainRuleException e)
            {
                throw new FieldRuleException($"order-{n}", e.Message);
            }
            drafts.Add((order ?? i, i, new GradeDraft(code, row.Label?.Trim() ?? string.Empty, definition, row.Kind)));
        }
        return drafts.OrderBy(d => d.Order).ThenBy(d => d.Index).Select(d => d.Grade).ToList();
    }
}
