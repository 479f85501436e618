using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Tests.Data;

/// <summary>The plan model's invariants hold in PostgreSQL itself, not only in the entity methods.</summary>
public sealed class PlanModelDatabaseTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2021, 6, 1, 9, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task A_plan_with_scale_items_KPIs_and_an_evaluation_round_trips_and_is_audited()
    {
        var (planId, itemId, evaluationId) = await CreatePlanAsync("往復市");

        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Grades).Include(p => p.Policies).Include(p => p.Years).SingleAsync(p => p.Id == planId);
        Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
        Assert.Equal("令和元年度～令和8年度", plan.PeriodLabel);
        var item = await db.ActionItems.Include(i => i.Kpis).ThenInclude(k => k.Values).Include(i => i.Departments).SingleAsync(i => i.Id == itemId);
        var value = item.Kpis.Single().Values.Single(v => v.FiscalYear == 2020);
        Assert.Equal(12900m, value.ActualValue);
        Assert.Equal("１２,９００件", value.ActualText);
        var evaluation = await db.Evaluations.Include(e => e.Parts).SingleAsync(e => e.Id == evaluationId);
        Assert.Equal(EvaluationStatus.Draft, evaluation.Status);
        Assert.Equal("A", evaluation.SelfRating);
        Assert.Equal("実施した。", evaluation.Parts.Single().ResultText);

        var audit = await db.AuditEntries.Where(a => a.ItemId == itemId).ToListAsync();
        Assert.Contains(audit, a => a.EntityType == nameof(YearlyEvaluation) && a.Action == "Created" && a.UserName == "editor");
        Assert.Contains(audit, a => a.EntityType == nameof(EvaluationPart) && a.NewValue!.Contains("実施した。", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_value_is_recorded_with_old_and_new_value()
    {
        var (planId, itemId, evaluationId) = await CreatePlanAsync("監査市");
        await using (var db = database.CreateAuditedContext("reviewer"))
        {
            var evaluation = await db.Evaluations.Include(e => e.Parts).SingleAsync(e => e.Id == evaluationId);
            var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
            var year = await db.PlanYears.SingleAsync(y => y.PlanId == planId && y.FiscalYear == 2020);
            evaluation.SaveDraft(year, plan, evaluation.Parts.Single().DepartmentId, "実施した。追記。", "", "S", "reviewer", Now);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var change = await check.AuditEntries.SingleAsync(a => a.ItemId == itemId && a.Field == nameof(YearlyEvaluation.SelfRating));
        Assert.Equal(("A", "S", "reviewer"), (change.OldValue, change.NewValue, change.UserName));
    }

    [Fact]
    public async Task Item_numbers_are_unique_within_a_plan()
    {
        var (planId, _, _) = await CreatePlanAsync("重複市");
        await using var db = database.CreateContext();
        var policy = await db.Policies.FirstAsync(p => p.PlanId == planId);
        db.ActionItems.Add(new ActionItem(planId, policy.Id, "1", "同じ番号の項目", 99));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)error.InnerException!).SqlState);
    }

    [Fact]
    public async Task A_rating_outside_the_plans_scale_is_refused_by_the_database()
    {
        var (_, _, evaluationId) = await CreatePlanAsync("評価市");
        await using var db = database.CreateContext();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"Evaluations\" SET \"SelfRating\" = 'Z' WHERE \"Id\" = {evaluationId}"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task A_closed_year_cannot_change_even_past_the_application()
    {
        var (planId, _, evaluationId) = await CreatePlanAsync("確定市");
        await using var db = database.CreateContext();
        var year = await db.PlanYears.SingleAsync(y => y.PlanId == planId && y.FiscalYear == 2020);
        year.Close();
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"EvaluationParts\" SET \"ResultText\" = '改ざん' WHERE \"EvaluationId\" = {evaluationId}"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"DELETE FROM \"Evaluations\" WHERE \"Id\" = {evaluationId}"));
        await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"KpiValues\" SET \"ActualValue\" = 1 WHERE \"FiscalYear\" = 2020"));

        var evaluation = await db.Evaluations.Include(e => e.Parts).SingleAsync(e => e.Id == evaluationId);
        var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        var rule = Assert.Throws<DomainRuleException>(() => evaluation.SaveDraft(year, plan, evaluation.Parts[0].DepartmentId, "x", "", "A", "editor", Now));
        Assert.Equal("令和2年度は確定済みのため変更できません。", rule.Message);
    }

    private async Task<(int PlanId, int ItemId, int EvaluationId)> CreatePlanAsync(string municipality)
    {
        await using var db = database.CreateAuditedContext("editor");
        var department = new Department($"T{Guid.NewGuid():N}"[..10], $"{municipality}情報推進課", "じょうほうすいしんか", 10);
        db.Departments.Add(department);
        var plan = new Plan("情報化基本計画", municipality, new FiscalYear(2019), new FiscalYear(2026));
        plan.AddGrade("S", "", "目標や計画を上回る達成状況であった。");
        plan.AddGrade("A", "", "目標や計画どおりの達成状況であった。");
        plan.AddGrade("B", "", "目標や計画を下回る達成状況であった。");
        plan.AddGrade("C", "", "目標や計画を大幅に下回る達成状況であった（又は未実施）。");
        var policy = new Policy(1, "地域課題解決への取組み");
        plan.AddPolicy(policy);
        var year = plan.AddYear(new FiscalYear(2020));
        year.OpenForEntry(new DateOnly(2021, 5, 31));
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var item = new ActionItem(plan.Id, policy.Id, "1", "オープンデータの推進", 1);
        item.AssignDepartment(department.Id, DepartmentRole.Lead);
        var kpi = new Kpi("公開データセット数", "件", KpiDirection.HigherIsBetter, 1);
        kpi.SetPlanned(new FiscalYear(2020), KpiValueText.Parse("160件"));
        kpi.SetActual(new FiscalYear(2020), KpiValueText.Parse("１２,９００件"));
        item.AddKpi(kpi);
        db.ActionItems.Add(item);
        await db.SaveChangesAsync();

        var evaluation = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(2020));
        evaluation.SaveDraft(year, plan, department.Id, "実施した。", "", "A", "editor", Now);
        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync();
        return (plan.Id, item.Id, evaluation.Id);
    }
}
