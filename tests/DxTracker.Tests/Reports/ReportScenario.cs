using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Reports;

/// <summary>
/// FY2021 of the workflow scenario (「テスト市情報化計画」) at the year end: No.1 approved (A, with its KPI actual and a
/// second KPI 未測定), No.4 submitted but never approved, No.2 and No.3 not started; 総括 written; then the year is
/// closed (and published when asked). The data is written first because a closed year refuses writes.
/// </summary>
public static class ReportScenario
{
    public const int FiscalYear = WorkflowScenario.FiscalYear;

    /// <summary>The text of the submitted but unapproved No.4, which only reviewers may ever see.</summary>
    public const string UnapprovedText = "テレワーク端末を100台配備した。";

    public const string ApprovedText = "電子申請の対象手続を30件追加した。";

    public static async Task<WorkflowScenario> CreateAsync(string connectionString, PlanYearState state, bool isPublic = false)
    {
        var scenario = await WorkflowScenario.CreateAsync(connectionString);
        if (state == PlanYearState.Open)
        {
            return scenario;
        }

        await using var db = TestDatabase.CreateAuditedContext(connectionString, "setup");
        var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == scenario.PlanId);
        var year = await db.PlanYears.SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == FiscalYear);
        var fy = new FiscalYear(FiscalYear);
        var at = new DateTimeOffset(2022, 5, 20, 10, 0, 0, TimeSpan.Zero);

        var kpi = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Id == scenario.KpiId);
        kpi.SetActual(fy, KpiValueText.Parse("12,900件"));
        var item = await db.ActionItems.Include(i => i.Kpis).SingleAsync(i => i.Id == scenario.OwnItemId);
        var rate = new Kpi("オンライン申請率", "%", KpiDirection.HigherIsBetter, 2);
        rate.SetPlanned(fy, KpiValueText.Parse("50%"));
        rate.SetActual(fy, KpiValueText.Parse(string.Empty));
        item.AddKpi(rate);

        var evaluation = new YearlyEvaluation(plan.Id, scenario.OwnItemId, fy);
        evaluation.SaveDraft(year, plan, scenario.SomuId, ApprovedText, "窓口での案内を強化する。", "A", "editor", at);
        evaluation.SubmitPart(year, scenario.SomuId, [scenario.SomuId], "editor", at);
        evaluation.Approve(year, plan, null, null, "reviewer", at);
        db.Evaluations.Add(evaluation);
        year.WriteConclusion("全4項目のうち1項目が承認された。");
        await db.SaveChangesAsync();

        if (state == PlanYearState.Closed)
        {
            year.Close();
            year.Publish(isPublic);
        }
        else
        {
            year.StartReview();
        }

        await db.SaveChangesAsync();
        return scenario;
    }
}
