using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Domain.Kpis;

/// <summary>The name a published report printed beside a KPI value (【GIGAタブレット端末：17,183台】 for タブレット端末).</summary>
public sealed class KpiNameAsWrittenTests
{
    private static readonly FiscalYear Year = new(2020);

    private static KpiMeasurement Printed(string text, string? name) => KpiValueText.Parse(text) with { NameAsWritten = name };

    [Fact]
    public void A_name_other_than_the_KPIs_is_kept_with_the_value_and_the_KPIs_own_name_is_not_stored_twice()
    {
        var kpi = new Kpi("タブレット端末", "台", KpiDirection.HigherIsBetter, 1);

        kpi.SetPlanned(Year, Printed("7,625台", "タブレット端末"));
        kpi.SetActual(Year, Printed("17,183台", " GIGAタブレット端末 "));

        var value = kpi.ValueFor(Year);
        Assert.Equal(("", "GIGAタブレット端末"), (value.PlannedName, value.ActualName));
        Assert.Equal(("タブレット端末", "GIGAタブレット端末"), (value.PlannedNameOr(kpi.Name), value.ActualNameOr(kpi.Name)));
    }

    [Fact]
    public void A_value_typed_in_the_app_keeps_the_name_an_import_clears_it_and_removing_the_value_removes_it()
    {
        var kpi = new Kpi("タブレット端末", "台", KpiDirection.HigherIsBetter, 1);
        kpi.SetActual(Year, Printed("17,183台", "GIGAタブレット端末"));

        kpi.SetActual(Year, KpiValueText.Parse("17,200台"));
        Assert.Equal(("17,200台", "GIGAタブレット端末"), (kpi.ValueFor(Year).ActualText, kpi.ValueFor(Year).ActualName));

        kpi.SetActual(Year, Printed("17,200台", string.Empty));
        Assert.Equal(string.Empty, kpi.ValueFor(Year).ActualName);

        kpi.SetActual(Year, Printed("17,183台", "GIGAタブレット端末"));
        kpi.SetActual(Year, null);
        Assert.Equal(("", ""), (kpi.ValueFor(Year).ActualText, kpi.ValueFor(Year).ActualName));
    }

    [Fact]
    public void A_name_longer_than_a_KPI_name_is_refused_in_Japanese()
    {
        var kpi = new Kpi("タブレット端末", "台", KpiDirection.HigherIsBetter, 1);

        var error = Assert.Throws<DomainRuleException>(() => kpi.SetActual(Year, Printed("1台", new string('端', Kpi.NameMaxLength + 1))));

        Assert.Equal("実績値の指標名は300文字以内で入力してください（現在301文字）。", error.Message);
    }
}
