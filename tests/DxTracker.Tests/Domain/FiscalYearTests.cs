using DxTracker.Web.Domain;

namespace DxTracker.Tests.Domain;

public class FiscalYearTests
{
    [Theory]
    [InlineData(1868, "明治元年度", "M1")]
    [InlineData(1911, "明治44年度", "M44")]
    [InlineData(1912, "大正元年度", "T1")]
    [InlineData(1925, "大正14年度", "T14")]
    [InlineData(1926, "昭和元年度", "S1")]
    [InlineData(1988, "昭和63年度", "S63")]
    [InlineData(1989, "平成元年度", "H1")]
    [InlineData(2018, "平成30年度", "H30")]
    [InlineData(2019, "令和元年度", "R1")]
    [InlineData(2020, "令和2年度", "R2")]
    [InlineData(2026, "令和8年度", "R8")]
    [InlineData(2200, "令和182年度", "R182")]
    public void Labels_follow_the_era_that_began_in_the_year(int year, string label, string shortLabel)
    {
        var fiscalYear = new FiscalYear(year);

        Assert.Equal(label, fiscalYear.Label);
        Assert.Equal(shortLabel, fiscalYear.ShortLabel);
        Assert.Equal(label, fiscalYear.ToString());
    }

    [Theory]
    [InlineData(2020, "令和2年度（2020年度）")]
    [InlineData(2019, "令和元年度（2019年度）")]
    [InlineData(1988, "昭和63年度（1988年度）")]
    public void Label_with_western_year(int year, string expected)
    {
        Assert.Equal(expected, new FiscalYear(year).LabelWithWestern);
    }

    [Theory]
    [InlineData("2020", 2020)]
    [InlineData("２０２０", 2020)]
    [InlineData("2020年度", 2020)]
    [InlineData("２０２０年度", 2020)]
    [InlineData("2020年", 2020)]
    [InlineData("令和2年度", 2020)]
    [InlineData("令和２年度", 2020)]
    [InlineData("令和2年", 2020)]
    [InlineData("令和2", 2020)]
    [InlineData("令和 2 年度", 2020)]
    [InlineData("令和元年度", 2019)]
    [InlineData("令和1年度", 2019)]
    [InlineData("R2", 2020)]
    [InlineData("R2年度", 2020)]
    [InlineData("r2", 2020)]
    [InlineData("Ｒ２", 2020)]
    [InlineData("Ｒ２年度", 2020)]
    [InlineData("R.2", 2020)]
    [InlineData("R1", 2019)]
    [InlineData("R元年度", 2019)]
    [InlineData("平成30年度", 2018)]
    [InlineData("H30", 2018)]
    [InlineData("平成元年度", 1989)]
    [InlineData("昭和63年度", 1988)]
    [InlineData("S63", 1988)]
    [InlineData("大正14年度", 1925)]
    [InlineData("T1", 1912)]
    [InlineData("明治44年度", 1911)]
    [InlineData("明治元年度", 1868)]
    [InlineData("  2020  ", 2020)]
    [InlineData("\u3000令和2年度\u3000", 2020)]
    [InlineData("\t令和2年度\n", 2020)]
    [InlineData("令和2年度（2020年度）", 2020)]
    [InlineData("令和2年度 (2020年度)", 2020)]
    [InlineData("令和元年度 (2019年度)", 2019)]
    [InlineData("1868", 1868)]
    [InlineData("2200", 2200)]
    public void Parses_western_and_era_forms(string text, int expected)
    {
        Assert.True(FiscalYear.TryParse(text, out var year));
        Assert.Equal(expected, year.Year);
        Assert.Equal(expected, FiscalYear.Parse(text).Year);
    }

    [Theory]
    [InlineData("平成31年度", 2019)]
    [InlineData("H31", 2019)]
    [InlineData("昭和64年度", 1989)]
    [InlineData("大正15年度", 1926)]
    [InlineData("明治45年度", 1912)]
    public void Accepts_the_last_year_of_an_era_written_before_the_new_era_began(string text, int expected)
    {
        Assert.Equal(expected, FiscalYear.Parse(text).Year);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("令和")]
    [InlineData("令和年度")]
    [InlineData("R")]
    [InlineData("令和0年度")]
    [InlineData("R0")]
    [InlineData("平成32年度")]
    [InlineData("昭和65年度")]
    [InlineData("明治46年度")]
    [InlineData("X2")]
    [InlineData("1867")]
    [InlineData("2201")]
    [InlineData("20")]
    [InlineData("20200")]
    [InlineData("2020.5")]
    [InlineData("-2020")]
    [InlineData("2020年度度")]
    [InlineData("令和2年4月")]
    [InlineData("令和2年度（2021年度）")]
    [InlineData("令和2年度令和3年度")]
    public void Rejects_what_is_not_a_fiscal_year(string? text)
    {
        Assert.False(FiscalYear.TryParse(text, out var year));
        Assert.Equal(default, year);
    }

    [Fact]
    public void Parse_explains_in_japanese_what_it_could_not_read()
    {
        var error = Assert.Throws<DomainRuleException>(() => FiscalYear.Parse(" 令和ニ年度 "));

        Assert.Equal("年度「令和ニ年度」を読み取れません。2020 や 令和2年度 のように入力してください。", error.Message);
    }

    [Fact]
    public void Every_label_reads_back_as_the_same_year()
    {
        for (var y = FiscalYear.MinYear; y <= FiscalYear.MaxYear; y++)
        {
            var year = new FiscalYear(y);

            Assert.Equal(year, FiscalYear.Parse(year.Label));
            Assert.Equal(year, FiscalYear.Parse(year.LabelWithWestern));
            Assert.Equal(year, FiscalYear.Parse(year.ShortLabel));
            Assert.Equal(year, FiscalYear.Parse(year.ToString()));
            Assert.Equal(year, FiscalYear.Parse(year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [InlineData(1867)]
    [InlineData(2201)]
    [InlineData(0)]
    public void Refuses_years_outside_the_era_table(int year)
    {
        var error = Assert.Throws<DomainRuleException>(() => new FiscalYear(year));

        Assert.Equal("年度は1868年度から2200年度までの範囲で指定してください。", error.Message);
    }

    [Fact]
    public void Next_and_previous_cross_era_boundaries()
    {
        Assert.Equal("令和元年度", new FiscalYear(2018).Next().Label);
        Assert.Equal("平成30年度", new FiscalYear(2019).Previous().Label);
        Assert.Equal("平成元年度", new FiscalYear(1988).Next().Label);
        Assert.Equal(new FiscalYear(2021), new FiscalYear(2020).Next());
        Assert.Equal(new FiscalYear(2019), new FiscalYear(2020).Previous());
    }

    [Fact]
    public void Compares_by_year()
    {
        var r1 = new FiscalYear(2019);
        var r2 = new FiscalYear(2020);

        Assert.True(r1 < r2);
        Assert.True(r1 <= r2);
        Assert.True(r2 > r1);
        Assert.True(r2 >= r1);
        Assert.True(r2 >= new FiscalYear(2020));
        Assert.True(r2 <= new FiscalYear(2020));
        Assert.False(r2 < new FiscalYear(2020));
        Assert.Equal(0, r2.CompareTo(new FiscalYear(2020)));
        Assert.True(r2 == new FiscalYear(2020));
        Assert.True(r1 != r2);
        Assert.Equal([r1, r2, new FiscalYear(2021)], new[] { new FiscalYear(2021), r2, r1 }.Order());
    }

    [Theory]
    [InlineData(2020, 4, 1, 2020)]
    [InlineData(2021, 3, 31, 2020)]
    [InlineData(2019, 4, 30, 2019)]
    [InlineData(2019, 5, 1, 2019)]
    [InlineData(2020, 1, 15, 2019)]
    public void The_year_containing_a_day_starts_on_1_April(int year, int month, int day, int expected)
    {
        Assert.Equal(new FiscalYear(expected), FiscalYear.Containing(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Default_value_has_a_label_that_does_not_pretend_to_be_an_era()
    {
        Assert.Equal("0年度", default(FiscalYear).Label);
    }
}
