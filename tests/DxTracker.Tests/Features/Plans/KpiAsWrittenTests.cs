using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Features.Plans;

/// <summary>
/// A KPI actual written 「-」 or 「(本年度未測定)」 reads as written on the item page, as the report prints it; a value
/// for a year outside the KPI's years is refused rather than shown in one place and hidden in another.
/// </summary>
public sealed class KpiAsWrittenTests(DatabaseFixture database) : WorkflowTest(database)
{
    [Theory]
    [InlineData("-")]
    [InlineData("(本年度未測定)")]
    public async Task A_not_measured_actual_reads_as_written_on_the_item_page(string written)
    {
        await using (var db = TestDatabase.CreateAuditedContext(Database.ConnectionString, "setup"))
        {
            var kpi = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Id == Scenario.KpiId);
            var measurement = KpiValueText.Parse(written);
            Assert.True(measurement.NotMeasured);
            kpi.SetActual(new FiscalYear(WorkflowScenario.FiscalYear), measurement);
            await db.SaveChangesAsync();
        }
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "reviewer", DemoData.Password);

        var html = await client.GetStringAsync($"/plans/{Scenario.PlanId}/items/{Scenario.OwnItemId}");

        Assert.Contains($"<span class=\"not-measured\">{System.Net.WebUtility.HtmlEncode(written)}<span class=\"sr-only\">（未測定）</span></span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_outside_the_KPIs_years_is_refused_and_so_is_narrowing_the_years_past_a_value()
    {
        var kpi = new Kpi("電子申請率", "%", KpiDirection.HigherIsBetter, 1);
        kpi.SetApplicableYears(new FiscalYear(2021), new FiscalYear(2023));

        var refused = Assert.Throws<DomainRuleException>(() => kpi.SetActual(new FiscalYear(2024), KpiValueText.Parse("50%")));
        Assert.Equal("指標「電子申請率」は令和3年度～令和5年度の指標です。令和6年度の値は入力できません。", refused.Message);
        Assert.Empty(kpi.Values);

        kpi.SetPlanned(new FiscalYear(2023), KpiValueText.Parse("60%"));
        var narrowed = Assert.Throws<DomainRuleException>(() => kpi.SetApplicableYears(new FiscalYear(2021), new FiscalYear(2022)));
        Assert.Equal("指標「電子申請率」には令和5年度の値が入力されているため、適用年度をその年度を含まない範囲にはできません。", narrowed.Message);
        Assert.Equal(2023, kpi.ToYear);
    }
}
