using DxTracker.Web.Features.Import;

namespace DxTracker.Tests.Import;

public sealed class SharedTextSplitterTests
{
    private static readonly IReadOnlyList<IReadOnlyCollection<string>> TwoDepartments =
    [
        new[] { "デジタル推進課", "情報推進課" },
        new[] { "住宅課" },
    ];

    [Fact]
    public void A_text_of_one_department_is_kept_whole_even_with_a_name_at_the_end()
    {
        var text = "実施した。（情報推進課）\n続けた。";

        Assert.Equal([text], SharedTextSplitter.Split(text, TwoDepartments.Take(1).ToList()));
    }

    [Fact]
    public void Each_part_ends_with_its_departments_name_in_full_or_half_width_parentheses()
    {
        var parts = SharedTextSplitter.Split("(1) 調査した。（情報推進課）\n(2) 更新した。 (住宅課)", TwoDepartments);

        Assert.Equal(["(1) 調査した。（情報推進課）", "(2) 更新した。 (住宅課)"], parts);
    }

    [Fact]
    public void Two_parts_on_one_line_are_split_where_the_first_name_is_followed_by_a_space()
    {
        var parts = SharedTextSplitter.Split("(1) 周知した。 (住宅課) (2) 実施した。 (情報推進課)", TwoDepartments);

        Assert.Equal(["(2) 実施した。 (情報推進課)", "(1) 周知した。 (住宅課)"], parts);
    }

    [Fact]
    public void Lines_before_a_name_belong_to_it_and_lines_after_the_last_name_to_the_one_before()
    {
        var parts = SharedTextSplitter.Split("検討した。\nまた、試行した。\n(情報推進課)\n報告した。 (住宅課)\n補足。", TwoDepartments);

        Assert.Equal(["検討した。\nまた、試行した。\n(情報推進課)", "報告した。 (住宅課)\n補足。"], parts);
    }

    [Fact]
    public void Parts_of_one_department_that_are_apart_are_joined_with_a_line_break()
    {
        var parts = SharedTextSplitter.Split("A。(情報推進課)\nB。(住宅課)\nC。(デジタル推進課)", TwoDepartments);

        Assert.Equal(["A。(情報推進課)\nC。(デジタル推進課)", "B。(住宅課)"], parts);
    }

    [Fact]
    public void Parentheses_that_name_no_department_of_the_item_or_sit_inside_a_sentence_do_not_split()
    {
        var text = "スマホ定期券(バスもり!)を導入した。住宅課(住宅課)と協議した。\n(3) 続けた。";

        Assert.Equal([text, string.Empty], SharedTextSplitter.Split(text, TwoDepartments));
    }
}
