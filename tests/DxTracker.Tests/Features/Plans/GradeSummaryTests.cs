using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Plans;

namespace DxTracker.Tests.Features.Plans;

public sealed class GradeSummaryTests
{
    private static readonly PlanHeader Plan = new(
        1, "計画", "", "市", 2019, 2026, "方針", "取組", "項目", PercentageRounding.LargestRemainder,
        [
            new GradeView("◎", "", "達成", GradeKind.Grade, 1),
            new GradeView("○", "", "概ね達成", GradeKind.Grade, 2),
            new GradeView("△", "", "未達成", GradeKind.Grade, 3),
            new GradeView("完", "", "完了", GradeKind.OutcomeMark, 4),
        ],
        [],
        []);

    [Fact]
    public void Counts_approved_ratings_of_active_items_with_the_plans_own_scale_and_outcome_marks_apart()
    {
        var result = GradeSummary.Compute(Plan,
        [
            new ItemYearState(1, 10, true, EvaluationStatus.Approved, "◎", null),
            new ItemYearState(2, 10, true, EvaluationStatus.Approved, "○", "◎"),
            new ItemYearState(3, 20, true, EvaluationStatus.Approved, "△", null),
            new ItemYearState(4, 20, true, EvaluationStatus.Approved, "○", "完"),
            new ItemYearState(5, 20, true, EvaluationStatus.Submitted, "◎", null),
            new ItemYearState(6, 20, true, null, null, null),
            new ItemYearState(7, 20, false, EvaluationStatus.Approved, "◎", null),
        ]);

        var summary = result.Summary;
        Assert.Equal([("◎", 2, 67), ("○", 0, 0), ("△", 1, 33)], summary.Grades.Select(g => (g.Code, g.Count, g.Percentage)));
        Assert.Equal(3, summary.Total);
        Assert.Equal(100, summary.TotalPercentage);
        Assert.Equal(2, summary.NotEvaluated);
        Assert.Equal([("完", 1)], result.Outcomes.Select(o => (o.Mark.Code, o.Count)));
        Assert.Equal([10, 20], summary.ByPolicy.Select(p => p.PolicyId));
        Assert.Equal(1, summary.ByPolicy[1].Total);
    }
}
