using System.Globalization;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;

namespace DxTracker.Tests.Domain.Kpis;

public class KpiValueTextTests
{
    // Every KPI target (目標) and actual (実績) of DemoData/tokushima-r2-results.json
    // (policies[].items[].kpis[].target|actual: raw, value, unit), copied here on purpose.
    // All 30 readings agree with the JSON's value and unit; the first argument says where each comes from.
    [Theory]
    [InlineData("No.1 公開データセット数 目標", "160", "160", "")]
    [InlineData("No.1 公開データセット数 実績", "83", "83", "")]
    [InlineData("No.5 アニマルセンサーの導入数 目標", "7基", "7", "基")]
    [InlineData("No.5 アニマルセンサーの導入数 実績", "14基", "14", "基")]
    [InlineData("No.8 タブレット端末 目標", "7,625台", "7625", "台")]
    [InlineData("No.8 GIGAタブレット端末 実績", "17,183台", "17183", "台")]
    [InlineData("No.8 無線LANアクセスポイント 目標", "1,202台", "1202", "台")]
    [InlineData("No.8 無線LANアクセスポイント 実績", "1,202台", "1202", "台")]
    [InlineData("No.9 SNSの登録者数 目標", "3,800人", "3800", "人")]
    [InlineData("No.9 SNSの登録者数 実績", "7,069人", "7069", "人")]
    [InlineData("No.10 外国語SNSへの投稿件数 目標", "2件/週", "2", "件/週")]
    [InlineData("No.10 外国語SNSへの投稿件数 実績", "2件/週", "2", "件/週")]
    [InlineData("No.11 児童手当現況届の電子申請受付件数 目標", "140件", "140", "件")]
    [InlineData("No.11 児童手当現況届の電子申請受付件数 実績", "1件", "1", "件")]
    [InlineData("No.12 コンビニでの証明書交付件数 目標", "5,900件", "5900", "件")]
    [InlineData("No.12 コンビニでの証明書交付件数 実績", "12,900件", "12900", "件")]
    [InlineData("No.12 図書館利用者カードへの登録割合 目標", "30%", "30", "%")]
    [InlineData("No.12 図書館利用者カードへの登録割合 実績", "0.06%", "0.06", "%")]
    [InlineData("No.13 アプリダウンロード数 目標", "10,000件", "10000", "件")]
    [InlineData("No.13 アプリダウンロード数 実績", "12,800件", "12800", "件")]
    [InlineData("No.14 観光サイトのアクセス件数 目標", "246,000件", "246000", "件")]
    [InlineData("No.14 観光サイトのアクセス件数 実績", "187,732件", "187732", "件")]
    [InlineData("No.15 バスロケーションシステムのアクセス件数 目標", "3,050,000件", "3050000", "件")]
    [InlineData("No.15 バスロケーションシステムのアクセス件数 実績", "2,501,211件", "2501211", "件")]
    [InlineData("No.24 システム導入進捗率 目標", "100%", "100", "%")]
    [InlineData("No.24 システム導入進捗率 実績", "100%", "100", "%")]
    [InlineData("No.25 監査対象事業数 目標", "11", "11", "")]
    [InlineData("No.25 監査対象事業数 実績", "11", "11", "")]
    [InlineData("No.25 情報セキュリティ訓練の実施回数 目標", "2回", "2", "回")]
    [InlineData("No.25 情報セキュリティ訓練の実施回数 実績", "2回", "2", "回")]
    public void Reads_every_value_of_the_Tokushima_R2_report(string source, string raw, string expectedValue, string expectedUnit)
    {
        Assert.True(KpiValueText.TryParse(raw, out var measurement, out var error), source);

        Assert.Null(error);
        Assert.Equal(Number(expectedValue), measurement.Value);
        Assert.Equal(expectedUnit, measurement.Unit);
        Assert.Equal(raw, measurement.OriginalText);
        Assert.False(measurement.NotMeasured);
        Assert.Equal(raw, KpiValueText.Format(measurement.Value!.Value, measurement.Unit));
    }

    [Theory]
    [InlineData("１２,９００", "12900", "")]
    [InlineData("１２，９００件", "12900", "件")]
    [InlineData("１２９００件", "12900", "件")]
    [InlineData("０．０６％", "0.06", "%")]
    [InlineData("０．０６%", "0.06", "%")]
    [InlineData("2件／週", "2", "件/週")]
    [InlineData("１４基", "14", "基")]
    [InlineData("▲16.7%", "-16.7", "%")]
    [InlineData("▲１６．７％", "-16.7", "%")]
    [InlineData("▲ 16.7%", "-16.7", "%")]
    [InlineData("△3件", "-3", "件")]
    [InlineData("-2.5", "-2.5", "")]
    [InlineData("−2", "-2", "")]
    [InlineData("－５件", "-5", "件")]
    [InlineData("+96.3%", "96.3", "%")]
    [InlineData("＋115.48%", "115.48", "%")]
    [InlineData("10.0%", "10.0", "%")]
    [InlineData("0", "0", "")]
    [InlineData("▲0", "0", "")]
    [InlineData("1,000,000", "1000000", "")]
    [InlineData("1234567", "1234567", "")]
    [InlineData("1,234.5件", "1234.5", "件")]
    [InlineData("12 件", "12", "件")]
    [InlineData("12\u3000件", "12", "件")]
    [InlineData("233時間", "233", "時間")]
    [InlineData("34施設", "34", "施設")]
    [InlineData("1.5GB", "1.5", "GB")]
    public void Reads_full_width_signs_and_units(string text, string expectedValue, string expectedUnit)
    {
        var measurement = KpiValueText.Parse(text);

        Assert.Equal(Number(expectedValue), measurement.Value);
        Assert.Equal(expectedUnit, measurement.Unit);
        Assert.Equal(text, measurement.OriginalText);
        Assert.False(measurement.NotMeasured);
    }

    [Fact]
    public void Keeps_the_text_as_typed_but_trims_surrounding_whitespace()
    {
        var measurement = KpiValueText.Parse(" \u3000１２，９００件\t");

        Assert.Equal("１２，９００件", measurement.OriginalText);
        Assert.Equal(12900m, measurement.Value);
        Assert.Equal("件", measurement.Unit);
    }

    [Theory]
    [InlineData("未測定")]
    [InlineData("未計測")]
    [InlineData(" 未測定 ")]
    [InlineData("(本年度未測定)")]
    [InlineData("（本年度未測定）")]
    [InlineData("（未測定）")]
    [InlineData("-")]
    [InlineData("－")]
    [InlineData("―")]
    [InlineData("—")]
    [InlineData("−")]
    [InlineData("ー")]
    [InlineData("(-)")]
    public void Reads_not_measured(string text)
    {
        Assert.True(KpiValueText.TryParse(text, out var measurement, out var error));

        Assert.Null(error);
        Assert.True(measurement.NotMeasured);
        Assert.Null(measurement.Value);
        Assert.Equal(string.Empty, measurement.Unit);
        Assert.Equal(text.Trim(), measurement.OriginalText);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Empty_text_is_not_measured(string? text)
    {
        Assert.True(KpiValueText.TryParse(text, out var measurement, out _));

        Assert.Equal(new KpiMeasurement(null, string.Empty, string.Empty, NotMeasured: true), measurement);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12a3")]
    [InlineData("1,2,3,,")]
    [InlineData("12,34件")]
    [InlineData("1,23")]
    [InlineData("1234,567")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("約12件")]
    [InlineData("申込み 30.7%")]
    [InlineData("件12")]
    [InlineData("▲")]
    [InlineData("▲▲5")]
    [InlineData("--5")]
    [InlineData("5-3")]
    [InlineData("12件 34件")]
    [InlineData("12\n34")]
    [InlineData("１２ａ３")]
    [InlineData("99999999999999999999999999999999")]
    public void Refuses_text_that_is_not_a_number(string text)
    {
        Assert.False(KpiValueText.TryParse(text, out var measurement, out var error));

        Assert.Null(measurement);
        Assert.Equal($"「{text.Trim()}」は数値として読み取れません。半角または全角の数字で入力してください（例: 12,900件）。", error);
    }

    [Fact]
    public void Parse_throws_a_domain_rule_exception_naming_the_text()
    {
        var error = Assert.Throws<DomainRuleException>(() => KpiValueText.Parse("abc"));

        Assert.Equal("「abc」は数値として読み取れません。半角または全角の数字で入力してください（例: 12,900件）。", error.Message);
    }

    [Theory]
    [InlineData("12900", "件", "12,900件")]
    [InlineData("0.06", "%", "0.06%")]
    [InlineData("16.70", "%", "16.7%")]
    [InlineData("-16.7", "%", "▲16.7%")]
    [InlineData("-0.5", "", "▲0.5")]
    [InlineData("10.0", "%", "10%")]
    [InlineData("1000000", "", "1,000,000")]
    [InlineData("1234.5", "件", "1,234.5件")]
    [InlineData("0", "件", "0件")]
    [InlineData("2", "件/週", "2件/週")]
    [InlineData("0.000001", "", "0.000001")]
    public void Formats_as_municipal_documents_print(string value, string unit, string expected)
    {
        Assert.Equal(expected, KpiValueText.Format(Number(value), unit));
    }

    [Theory]
    [InlineData("12900", "件")]
    [InlineData("-16.7", "%")]
    [InlineData("0.06", "%")]
    [InlineData("1234567.891", "円")]
    [InlineData("3", "")]
    public void Formatted_values_read_back(string value, string unit)
    {
        var measurement = KpiValueText.Parse(KpiValueText.Format(Number(value), unit));

        Assert.Equal(Number(value), measurement.Value);
        Assert.Equal(unit, measurement.Unit);
    }

    [Theory]
    [InlineData("160", "83", KpiDirection.HigherIsBetter, "51.9")]
    [InlineData("7", "14", KpiDirection.HigherIsBetter, "200.0")]
    [InlineData("140", "1", KpiDirection.HigherIsBetter, "0.7")]
    [InlineData("30", "0.06", KpiDirection.HigherIsBetter, "0.2")]
    [InlineData("1202", "1202", KpiDirection.HigherIsBetter, "100.0")]
    [InlineData("3", "1", KpiDirection.HigherIsBetter, "33.3")]
    [InlineData("16", "1", KpiDirection.HigherIsBetter, "6.3")]
    [InlineData("400", "1", KpiDirection.HigherIsBetter, "0.3")]
    [InlineData("10", "0", KpiDirection.HigherIsBetter, "0")]
    [InlineData("10", "-16.7", KpiDirection.HigherIsBetter, "-167.0")]
    [InlineData("0", "5", KpiDirection.HigherIsBetter, null)]
    [InlineData("0", "0", KpiDirection.HigherIsBetter, null)]
    [InlineData(null, "5", KpiDirection.HigherIsBetter, null)]
    [InlineData("5", null, KpiDirection.HigherIsBetter, null)]
    [InlineData("10", "8", KpiDirection.LowerIsBetter, "125.0")]
    [InlineData("10", "20", KpiDirection.LowerIsBetter, "50.0")]
    [InlineData("16", "256", KpiDirection.LowerIsBetter, "6.3")]
    [InlineData("0", "0", KpiDirection.LowerIsBetter, "100")]
    [InlineData("0", "5", KpiDirection.LowerIsBetter, "0")]
    [InlineData("5", "0", KpiDirection.LowerIsBetter, null)]
    [InlineData("5", "-1", KpiDirection.LowerIsBetter, null)]
    [InlineData("-5", "1", KpiDirection.LowerIsBetter, null)]
    [InlineData(null, "5", KpiDirection.LowerIsBetter, null)]
    [InlineData("5", null, KpiDirection.LowerIsBetter, null)]
    public void Achievement_rate_in_percent_rounded_half_up_to_one_decimal(
        string? planned, string? actual, KpiDirection direction, string? expected)
    {
        var rate = KpiValueText.AchievementRate(NumberOrNull(planned), NumberOrNull(actual), direction);

        Assert.Equal(NumberOrNull(expected), rate);
    }

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static decimal? NumberOrNull(string? text) => text is null ? null : Number(text);
}
