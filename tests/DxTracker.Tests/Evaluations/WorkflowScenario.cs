using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// A small plan for the workflow tests: FY2021 of 「テスト市情報化計画」 with items of 総務課 (the demo editor's
/// department), 住宅課 (editor2's), and one shared by 総務課 and デジタル推進課.
/// </summary>
public sealed class WorkflowScenario
{
    public const int FiscalYear = 2021;

    public int PlanId { get; private set; }

    /// <summary>総務課's item with a KPI; nobody has started it.</summary>
    public int OwnItemId { get; private set; }

    /// <summary>住宅課's item (another department for the demo editor).</summary>
    public int OtherItemId { get; private set; }

    /// <summary>Shared by 総務課 (lead) and デジタル推進課.</summary>
    public int SharedItemId { get; private set; }

    /// <summary>総務課's item already submitted, ready for review.</summary>
    public int SubmittedItemId { get; private set; }

    public int KpiId { get; private set; }

    public int SomuId { get; private set; }

    public int DigitalId { get; private set; }

    public int HousingId { get; private set; }

    public static async Task<WorkflowScenario> CreateAsync(string connectionString, PlanYearState state = PlanYearState.Open)
    {
        var scenario = new WorkflowScenario();
        await using var db = TestDatabase.CreateAuditedContext(connectionString, "setup");
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name);
        scenario.SomuId = departments["総務課"].Id;
        scenario.DigitalId = departments["デジタル推進課"].Id;
        scenario.HousingId = departments["住宅課"].Id;

        var plan = new Plan("テスト市情報化計画", $"テスト市{Guid.NewGuid():N}"[..12], new FiscalYear(2019), new FiscalYear(2026));
        plan.AddGrade("S", "", "目標や計画を上回る達成状況であった。");
        plan.AddGrade("A", "", "目標や計画どおりの達成状況であった。");
        plan.AddGrade("B", "", "目標や計画を下回る達成状況であった。");
        plan.AddGrade("C", "", "目標や計画を大幅に下回る達成状況であった（又は未実施）。");
        var policy = new Policy(1, "行政サービスの向上");
        plan.AddPolicy(policy);
        var previous = plan.AddYear(new FiscalYear(FiscalYear - 1));
        var year = plan.AddYear(new FiscalYear(FiscalYear));
        year.OpenForEntry(new DateOnly(2022, 5, 31));
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        scenario.PlanId = plan.Id;

        ActionItem Item(string number, string title, params int[] departmentIds)
        {
            var item = new ActionItem(plan.Id, policy.Id, number, title, int.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
            item.Describe(title, "(1) 取組内容の説明。", "目標の説明。", "", "", "");
            for (var i = 0; i < departmentIds.Length; i++)
            {
                item.AssignDepartment(departmentIds[i], i == 0 ? DepartmentRole.Lead : DepartmentRole.Related);
            }
            db.ActionItems.Add(item);
            return item;
        }

        var own = Item("1", "電子申請の拡充", scenario.SomuId);
        var kpi = new Kpi("電子申請件数", "件", KpiDirection.HigherIsBetter, 1);
        kpi.SetPlanned(new FiscalYear(FiscalYear), KpiValueText.Parse("12,000件"));
        kpi.SetPlanned(new FiscalYear(FiscalYear - 1), KpiValueText.Parse("10,000件"));
        kpi.SetActual(new FiscalYear(FiscalYear - 1), KpiValueText.Parse("9,800件"));
        own.AddKpi(kpi);
        var other = Item("2", "空家対策の推進", scenario.HousingId);
        var shared = Item("3", "GISの効率的運用", scenario.SomuId, scenario.DigitalId);
        var submitted = Item("4", "テレワークの推進", scenario.SomuId);
        await db.SaveChangesAsync();

        var at = new DateTimeOffset(2022, 4, 20, 10, 0, 0, TimeSpan.Zero);
        var evaluation = new YearlyEvaluation(plan.Id, submitted.Id, new FiscalYear(FiscalYear));
        evaluation.SaveDraft(year, plan, scenario.SomuId, "テレワーク端末を100台配備した。", "利用率の向上が課題。", "A", "editor", at);
        evaluation.SubmitPart(year, scenario.SomuId, [scenario.SomuId], "editor", at);
        db.Evaluations.Add(evaluation);
        var last = new YearlyEvaluation(plan.Id, own.Id, new FiscalYear(FiscalYear - 1));
        last.PartFor(scenario.SomuId).Import("前年度は電子申請を20手続追加した。", "");
        last.ImportApproved(plan, "B", null, null, at.AddYears(-1));
        db.Evaluations.Add(last);
        await db.SaveChangesAsync();
        previous.Close();
        await db.SaveChangesAsync();

        scenario.OwnItemId = own.Id;
        scenario.OtherItemId = other.Id;
        scenario.SharedItemId = shared.Id;
        scenario.SubmittedItemId = submitted.Id;
        scenario.KpiId = kpi.Id;
        if (state != PlanYearState.Open)
        {
            await scenario.SetStateAsync(connectionString, state);
        }
        return scenario;
    }

    /// <summary>
    /// Adds item 5, led by both 総務課 and デジタル推進課 (主管 twice), with two KPIs for the open year; returns its id and
    /// the KPIs' ids (only the tests about shared ratings and KPI actuals need it).
    /// </summary>
    public async Task<(int ItemId, IReadOnlyList<int> KpiIds)> AddTwoLeadsItemAsync(string connectionString)
    {
        await using var db = TestDatabase.CreateAuditedContext(connectionString, "setup");
        var policyId = await db.Policies.Where(p => p.PlanId == PlanId).Select(p => p.Id).SingleAsync();
        var item = new ActionItem(PlanId, policyId, "5", "庁内手続のデジタル化", 5);
        item.Describe(item.Title, "(1) 取組内容の説明。", "目標の説明。", "", "", "");
        item.SetDepartments([(SomuId, DepartmentRole.Lead), (DigitalId, DepartmentRole.Lead)]);
        foreach (var (name, unit, planned, order) in new[] { ("電子決裁率", "%", "80%", 1), ("ペーパーレス会議の回数", "回", "30回", 2) })
        {
            var kpi = new Kpi(name, unit, KpiDirection.HigherIsBetter, order);
            kpi.SetPlanned(new FiscalYear(FiscalYear), KpiValueText.Parse(planned));
            item.AddKpi(kpi);
        }
        db.ActionItems.Add(item);
        await db.SaveChangesAsync();
        return (item.Id, item.Kpis.OrderBy(k => k.SortOrder).Select(k => k.Id).ToList());
    }

    public async Task SetStateAsync(string connectionString, PlanYearState state)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE \"PlanYears\" SET \"State\" = @state WHERE \"PlanId\" = @plan AND \"FiscalYear\" = @year", connection);
        command.Parameters.AddWithValue("state", state.ToString());
        command.Parameters.AddWithValue("plan", PlanId);
        command.Parameters.AddWithValue("year", FiscalYear);
        await command.ExecuteNonQueryAsync();
    }

    public string EntryUrl(int itemId) => $"/plans/{PlanId}/items/{itemId}/years/{FiscalYear}/entry";

    public string ReviewUrl(int itemId) => $"/plans/{PlanId}/items/{itemId}/years/{FiscalYear}/review";

    public string ManageUrl => $"/plans/{PlanId}/years/{FiscalYear}/manage";

    public string BulkUrl => $"/plans/{PlanId}/years/{FiscalYear}/approve";

    public static async Task<YearlyEvaluation?> EvaluationAsync(AppDbContext db, int itemId) =>
        await db.Evaluations.AsNoTracking().Include(e => e.Parts).SingleOrDefaultAsync(e => e.ItemId == itemId && e.FiscalYear == FiscalYear);
}
