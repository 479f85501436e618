using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Tests.Domain.Evaluations;

public class YearSummaryTests
{
    private static readonly GradeDefinition[] DefaultScale =
    [
        new("S", "S", "目標や計画を上回る達成状況であった。", 1),
        new("A", "A", "目標や計画どおりの達成状況であった。", 2),
        new("B", "B", "目標や計画を下回る達成状況であった。", 3),
        new("C", "C", "目標や計画を大幅に下回る達成状況であった（又は未実施）。", 4),
    ];

    // 徳島市情報化基本計画 取組実績（令和2年度）: (取組方針, 自己評価) of items No.1 to No.27,
    // copied from DemoData/tokushima-r2-results.json.
    private static readonly (int Policy, string Grade)[] TokushimaR2 =
    [
        (1, "B"), (1, "B"), (1, "B"), (1, "A"), (1, "A"), (1, "B"), (1, "A"), (1, "A"),
        (2, "S"), (2, "A"), (2, "A"), (2, "A"), (2, "S"), (2, "B"), (2, "B"),
        (3, "A"), (3, "A"), (3, "A"), (3, "A"), (3, "S"), (3, "A"), (3, "B"), (3, "B"), (3, "A"),
        (4, "A"), (4, "B"), (4, "A"),
    ];

    private static EvaluatedItem[] TokushimaItems() =>
        TokushimaR2.Select((item, index) => new EvaluatedItem(index + 1, item.Policy, item.Grade)).ToArray();

    [Theory]
    [InlineData(PercentageRounding.HalfUpEach)]
    [InlineData(PercentageRounding.LargestRemainder)]
    public void Reproduces_the_published_Tokushima_R2_table(PercentageRounding rounding)
    {
        var summary = YearSummary.Compute(DefaultScale, TokushimaItems(), rounding);

        Assert.Equal(27, summary.Total);
        Assert.Equal(
            [new("S", 3, 11), new("A", 15, 56), new("B", 9, 33), new("C", 0, 0)],
            summary.Grades);
        Assert.Equal(100, summary.TotalPercentage);
        Assert.Equal(0, summary.NotEvaluated);
        Assert.Equal(rounding, summary.Rounding);
    }

    [Fact]
    public void Counts_per_policy_in_order_of_appearance()
    {
        var summary = YearSummary.Compute(DefaultScale, TokushimaItems(), PercentageRounding.HalfUpEach);

        Assert.Equal([1, 2, 3, 4], summary.ByPolicy.Select(p => p.PolicyId));
        Assert.Equal([8, 7, 9, 3], summary.ByPolicy.Select(p => p.Total));
        Assert.Equal([0, 4, 4, 0], summary.ByPolicy[0].Grades.Select(g => g.Count));
        Assert.Equal([2, 3, 2, 0], summary.ByPolicy[1].Grades.Select(g => g.Count));
        Assert.Equal([1, 6, 2, 0], summary.ByPolicy[2].Grades.Select(g => g.Count));
        Assert.Equal([0, 2, 1, 0], summary.ByPolicy[3].Grades.Select(g => g.Count));
        Assert.All(summary.ByPolicy, p => Assert.Equal(["S", "A", "B", "C"], p.Grades.Select(g => g.Code)));
        Assert.All(summary.ByPolicy, p => Assert.Equal(0, p.NotEvaluated));
    }

    [Fact]
    public void Policy_shares_follow_the_chosen_rounding()
    {
        var halfUp = YearSummary.Compute(DefaultScale, TokushimaItems(), PercentageRounding.HalfUpEach);
        var largestRemainder = YearSummary.Compute(DefaultScale, TokushimaItems(), PercentageRounding.LargestRemainder);

        // Policy 2: S 2, A 3, B 2 of 7 = 28.57 / 42.86 / 28.57.
        Assert.Equal([29, 43, 29, 0], halfUp.ByPolicy[1].Grades.Select(g => g.Percentage));
        // Floors 28 / 42 / 28; remainders 4 / 6 / 4 (in sevenths): A first, then S before B by scale order.
        Assert.Equal([29, 43, 28, 0], largestRemainder.ByPolicy[1].Grades.Select(g => g.Percentage));
        // Policy 3: S 1, A 6, B 2 of 9 = 11.1 / 66.7 / 22.2.
        Assert.Equal([11, 67, 22, 0], halfUp.ByPolicy[2].Grades.Select(g => g.Percentage));
        Assert.Equal([11, 67, 22, 0], largestRemainder.ByPolicy[2].Grades.Select(g => g.Percentage));
    }

    [Theory]
    [InlineData(new[] { 3, 15, 9, 0 }, new[] { 11, 56, 33, 0 }, new[] { 11, 56, 33, 0 })]
    [InlineData(new[] { 1, 1, 1 }, new[] { 33, 33, 33 }, new[] { 34, 33, 33 })]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, new[] { 17, 17, 17, 17, 17, 17 }, new[] { 17, 17, 17, 17, 16, 16 })]
    [InlineData(new[] { 0, 1, 1, 1 }, new[] { 0, 33, 33, 33 }, new[] { 0, 34, 33, 33 })]
    [InlineData(new[] { 1, 7 }, new[] { 13, 88 }, new[] { 13, 87 })]
    [InlineData(new[] { 7, 1 }, new[] { 88, 13 }, new[] { 88, 12 })]
    [InlineData(new[] { 1, 2 }, new[] { 33, 67 }, new[] { 33, 67 })]
    [InlineData(new[] { 0, 1, 2 }, new[] { 0, 33, 67 }, new[] { 0, 33, 67 })]
    [InlineData(new[] { 1, 1, 2, 2 }, new[] { 17, 17, 33, 33 }, new[] { 17, 17, 33, 33 })]
    [InlineData(new[] { 2, 2, 1, 1 }, new[] { 33, 33, 17, 17 }, new[] { 33, 33, 17, 17 })]
    [InlineData(new[] { 5 }, new[] { 100 }, new[] { 100 })]
    [InlineData(new[] { 0, 5, 0 }, new[] { 0, 100, 0 }, new[] { 0, 100, 0 })]
    [InlineData(new[] { 1, 199 }, new[] { 1, 100 }, new[] { 1, 99 })]
    [InlineData(new[] { 1, 999 }, new[] { 0, 100 }, new[] { 0, 100 })]
    public void Percentages_by_rounding_mode(int[] counts, int[] halfUp, int[] largestRemainder)
    {
        Assert.Equal(halfUp, YearSummary.Percentages(counts, PercentageRounding.HalfUpEach));
        Assert.Equal(largestRemainder, YearSummary.Percentages(counts, PercentageRounding.LargestRemainder));
        Assert.Equal(100, YearSummary.Percentages(counts, PercentageRounding.LargestRemainder).Sum());
    }

    [Fact]
    public void Largest_remainder_always_adds_up_to_100_and_never_moves_more_than_one_point()
    {
        var random = new Random(20201);
        for (var run = 0; run < 2000; run++)
        {
            var counts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(0, 40)).ToArray();
            if (counts.Sum() == 0)
            {
                continue;
            }

            var shares = YearSummary.Percentages(counts, PercentageRounding.LargestRemainder);

            Assert.Equal(100, shares.Sum());
            for (var i = 0; i < counts.Length; i++)
            {
                var exact = counts[i] * 100m / counts.Sum();
                Assert.InRange(shares[i], Math.Floor(exact), Math.Floor(exact) + 1);
            }
        }
    }

    [Theory]
    [InlineData(PercentageRounding.HalfUpEach)]
    [InlineData(PercentageRounding.LargestRemainder)]
    public void Zero_total_gives_zero_shares(PercentageRounding rounding)
    {
        Assert.Equal([0, 0, 0], YearSummary.Percentages([0, 0, 0], rounding));
        Assert.Empty(YearSummary.Percentages([], rounding));
    }

    [Fact]
    public void Negative_counts_are_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YearSummary.Percentages([1, -1], PercentageRounding.HalfUpEach));
    }

    [Fact]
    public void Modes_differ_in_the_total_percentage()
    {
        EvaluatedItem[] items = [new(1, 1, "S"), new(2, 1, "A"), new(3, 1, "B")];

        var halfUp = YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach);
        var largestRemainder = YearSummary.Compute(DefaultScale, items, PercentageRounding.LargestRemainder);

        Assert.Equal([33, 33, 33, 0], halfUp.Grades.Select(g => g.Percentage));
        Assert.Equal(99, halfUp.TotalPercentage);
        Assert.Equal([34, 33, 33, 0], largestRemainder.Grades.Select(g => g.Percentage));
        Assert.Equal(100, largestRemainder.TotalPercentage);
    }

    [Fact]
    public void Items_not_evaluated_are_counted_apart_and_left_out_of_the_shares()
    {
        EvaluatedItem[] items =
        [
            new(1, 10, "A"), new(2, 10, null), new(3, 20, "S"), new(4, 20, "A"), new(5, 20, " "), new(6, 20, null),
        ];

        var summary = YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach);

        Assert.Equal(3, summary.Total);
        Assert.Equal(3, summary.NotEvaluated);
        Assert.Equal([new("S", 1, 33), new("A", 2, 67), new("B", 0, 0), new("C", 0, 0)], summary.Grades);
        Assert.Equal(100, summary.TotalPercentage);
        Assert.Equal(new[] { (10, 1, 1), (20, 2, 2) }, summary.ByPolicy.Select(p => (p.PolicyId, p.Total, p.NotEvaluated)));
        Assert.Equal([0, 100, 0, 0], summary.ByPolicy[0].Grades.Select(g => g.Percentage));
        Assert.Equal([50, 50, 0, 0], summary.ByPolicy[1].Grades.Select(g => g.Percentage));
    }

    [Theory]
    [InlineData(PercentageRounding.HalfUpEach)]
    [InlineData(PercentageRounding.LargestRemainder)]
    public void Nothing_evaluated_yet_gives_zero_counts_and_shares(PercentageRounding rounding)
    {
        EvaluatedItem[] items = [new(1, 1, null), new(2, 2, null)];

        var summary = YearSummary.Compute(DefaultScale, items, rounding);

        Assert.Equal(0, summary.Total);
        Assert.Equal(2, summary.NotEvaluated);
        Assert.Equal(0, summary.TotalPercentage);
        Assert.All(summary.Grades, g => Assert.Equal((0, 0), (g.Count, g.Percentage)));
        Assert.Equal([1, 2], summary.ByPolicy.Select(p => p.PolicyId));
        Assert.All(summary.ByPolicy, p => Assert.Equal((0, 1), (p.Total, p.NotEvaluated)));
    }

    [Fact]
    public void No_items_at_all_still_lists_every_grade()
    {
        var summary = YearSummary.Compute(DefaultScale, [], PercentageRounding.LargestRemainder);

        Assert.Equal(0, summary.Total);
        Assert.Equal(["S", "A", "B", "C"], summary.Grades.Select(g => g.Code));
        Assert.Equal(0, summary.TotalPercentage);
        Assert.Empty(summary.ByPolicy);
    }

    [Fact]
    public void Policies_are_listed_in_order_of_first_appearance()
    {
        EvaluatedItem[] items = [new(1, 3, "A"), new(2, 1, "B"), new(3, 3, "S"), new(4, 2, "A"), new(5, 1, "A")];

        var summary = YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach);

        Assert.Equal([3, 1, 2], summary.ByPolicy.Select(p => p.PolicyId));
        Assert.Equal([2, 2, 1], summary.ByPolicy.Select(p => p.Total));
    }

    [Fact]
    public void Grades_follow_the_scale_order_not_the_list_order()
    {
        GradeDefinition[] scale =
        [
            new("B", "B", "下回る", 3),
            new("S", "S", "上回る", 1),
            new("A", "A", "計画どおり", 2),
        ];
        EvaluatedItem[] items = [new(1, 1, "B"), new(2, 1, "A"), new(3, 1, "A")];

        var summary = YearSummary.Compute(scale, items, PercentageRounding.HalfUpEach);

        Assert.Equal([new("S", 0, 0), new("A", 2, 67), new("B", 1, 33)], summary.Grades);
    }

    [Fact]
    public void Works_with_a_plan_defined_scale()
    {
        GradeDefinition[] scale =
        [
            new("◎", "◎", "計画以上に進んでいる", 1),
            new("○", "○", "計画どおり進んでいる", 2),
            new("△", "△", "計画より遅れている", 3),
            new("×", "×", "未着手", 4),
            new("完了", "完了", "年度中に完了した", 5),
        ];
        EvaluatedItem[] items =
        [
            new(1, 1, "◎"), new(2, 1, "○"), new(3, 1, "○"), new(4, 2, "△"), new(5, 2, "完了"), new(6, 2, "○"), new(7, 2, "○"),
        ];

        var summary = YearSummary.Compute(scale, items, PercentageRounding.LargestRemainder);

        // 14.29 / 57.14 / 14.29 / 0 / 14.29: the three equal remainders tie, the first in scale order gets the point.
        Assert.Equal(
            [new("◎", 1, 15), new("○", 4, 57), new("△", 1, 14), new("×", 0, 0), new("完了", 1, 14)],
            summary.Grades);
        Assert.Equal(100, summary.TotalPercentage);
    }

    [Fact]
    public void A_grade_outside_the_scale_is_refused_by_name()
    {
        EvaluatedItem[] items = [new(1, 1, "A"), new(2, 1, "D")];

        var error = Assert.Throws<DomainRuleException>(
            () => YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach));

        Assert.Equal("評価「D」はこの計画の評価区分（S、A、B、C）にありません。", error.Message);
    }

    [Fact]
    public void Grade_codes_are_matched_exactly()
    {
        EvaluatedItem[] items = [new(1, 1, "a")];

        Assert.Throws<DomainRuleException>(() => YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach));
    }

    [Fact]
    public void A_scale_that_repeats_a_code_is_refused()
    {
        GradeDefinition[] scale = [new("A", "A", "計画どおり", 1), new("A", "A", "計画どおり", 2)];

        var error = Assert.Throws<DomainRuleException>(() => YearSummary.Compute(scale, [], PercentageRounding.HalfUpEach));

        Assert.Equal("評価区分「A」が重複しています。", error.Message);
    }

    [Fact]
    public void An_item_counted_twice_is_a_programming_error()
    {
        EvaluatedItem[] items = [new(1, 1, "A"), new(1, 1, "B")];

        Assert.Throws<ArgumentException>(() => YearSummary.Compute(DefaultScale, items, PercentageRounding.HalfUpEach));
    }
}
