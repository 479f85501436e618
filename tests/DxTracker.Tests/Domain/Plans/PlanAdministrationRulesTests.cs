using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Domain.Plans;

/// <summary>The entity rules behind plan administration, without a database.</summary>
public sealed class PlanAdministrationRulesTests
{
    private static Plan NewPlan()
    {
        var plan = new Plan("津島市DX推進計画", "津島市", new FiscalYear(2022), new FiscalYear(2025));
        plan.ReviseScale(ScaleLibrary.TokushimaSabc.Grades, new HashSet<string>());
        return plan;
    }

    [Fact]
    public void Phase_names_are_the_plans_own_without_duplicates()
    {
        var plan = NewPlan();
        Assert.Equal(Plan.DefaultPhaseNames, plan.Phases);
        plan.SetPhaseNames(["研究", " 検討 ", "導入準備", "導入", "運用", "実証"]);
        Assert.Equal(["研究", "検討", "導入準備", "導入", "運用", "実証"], plan.Phases);
        Assert.Equal("スケジュールの段階「研究」が2回以上あります。", Assert.Throws<DomainRuleException>(() => plan.SetPhaseNames(["研究", "研究"])).Message);
        Assert.Throws<DomainRuleException>(() => plan.SetPhaseNames([" "]));
        plan.SetPhaseNames(Plan.DefaultPhaseNames);
        Assert.Equal(string.Empty, plan.PhaseNames);
    }

    [Fact]
    public void A_scale_keeps_used_grades_and_their_kind()
    {
        var plan = NewPlan();
        var used = new HashSet<string> { "B" };
        var error = Assert.Throws<DomainRuleException>(() => plan.ReviseScale([new("S", "", "上"), new("A", "", "中")], used));
        Assert.StartsWith("評価区分「B」は入力済みの評価で使われているため、削除できません", error.Message, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => plan.ReviseScale([new("B", "", "下", GradeKind.OutcomeMark), new("S", "", "上")], used));
        Assert.Throws<DomainRuleException>(() => plan.ReviseScale([new("完了", "", "完了した。", GradeKind.OutcomeMark)], new HashSet<string>()));

        plan.ReviseScale([new("B", "遅れ", "下回った。"), new("S", "", "上回った。"), new("完了", "", "完了した。", GradeKind.OutcomeMark)], used);
        Assert.Equal(["B", "S"], plan.Scale.Select(g => g.Code));
        Assert.Equal("遅れ", plan.Scale[0].Label);
        Assert.Equal(["完了"], plan.OutcomeMarks.Select(g => g.Code));
    }

    [Fact]
    public void Departments_are_set_as_a_whole_and_a_KPI_is_replaced_once()
    {
        var item = new ActionItem(1, 1, "1", "電子決裁システム", 1);
        item.SetDepartments([(10, DepartmentRole.Lead), (20, DepartmentRole.Related)]);
        item.SetDepartments([(20, DepartmentRole.Lead), (30, DepartmentRole.Related)]);
        Assert.Equal([(20, DepartmentRole.Lead, 1), (30, DepartmentRole.Related, 2)], item.Departments.OrderBy(d => d.SortOrder).Select(d => (d.DepartmentId, d.Role, d.SortOrder)));
        Assert.Throws<DomainRuleException>(() => item.SetDepartments([(20, DepartmentRole.Lead), (20, DepartmentRole.Related)]));

        var old = item.AddKpi("電子化率", "%", KpiDirection.HigherIsBetter);
        Assert.Throws<DomainRuleException>(() => item.AddKpi("電子化率", "%", KpiDirection.HigherIsBetter));
        old.SetPlanned(new FiscalYear(2024), KpiValueText.Parse("70%"));
        old.SetActual(new FiscalYear(2023), KpiValueText.Parse("55%"));
        var next = item.AddKpi("電子決裁率", "%", KpiDirection.HigherIsBetter);
        Assert.Equal("指標を自分自身で置き換えることはできません。", Assert.Throws<DomainRuleException>(() => old.ReplaceWith(old, new FiscalYear(2024))).Message);
        Assert.Contains("令和5年度の実績値が入力されているため", Assert.Throws<DomainRuleException>(() => old.ReplaceWith(next, new FiscalYear(2023))).Message, StringComparison.Ordinal);
        old.ReplaceWith(next, new FiscalYear(2024));
        Assert.Equal(2023, old.ToYear);
        Assert.DoesNotContain(old.Values, v => v.FiscalYear >= 2024);
        Assert.Equal(2024, next.FromYear);
        Assert.Throws<DomainRuleException>(() => item.RemoveKpi(old));
    }

    [Theory]
    [InlineData(ItemStatus.Active, null, null)]
    [InlineData(ItemStatus.Completed, 2023, 2024)]
    [InlineData(ItemStatus.Abolished, 2023, 2024)]
    [InlineData(ItemStatus.Deleted, 2023, 2023)]
    [InlineData(ItemStatus.Merged, 2023, 2023)]
    public void The_first_year_without_an_evaluation_follows_the_status(ItemStatus status, int? year, int? expected) =>
        Assert.Equal(expected, ActionItem.FirstInactiveYear(status, year));
}
