using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Features.Plans;

/// <summary>
/// A small plan whose every number is known: 27 items under 4 policies; 令和2年度 closed with S3/A15/B9/C0
/// approved (shares 11/56/33/0), 令和3年度 open with one evaluation in each state. Departments share a sort
/// order so that only their readings order them (code points would put 人事課 first).
/// </summary>
public sealed class KnownPlan
{
    public const string Name = "テスト市情報化基本計画";
    public const string Municipality = "テスト市";

    private static readonly string[] PolicyTitles = ["地域課題解決への取組み", "行政サービスの向上", "行政運営の効率化", "情報セキュリティ対策"];

    public int PlanId { get; private set; }

    public int PredecessorPlanId { get; private set; }

    public int PredecessorItemId { get; private set; }

    public Dictionary<string, int> Items { get; } = [];

    public Dictionary<string, int> Departments { get; } = [];

    public Dictionary<int, int> Policies { get; } = [];

    public List<int> ItemIds(params int[] numbers) => numbers.Select(ItemId).ToList();

    public int ItemId(int number) => Items[number.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public static async Task<KnownPlan> CreateAsync(string connectionString)
    {
        var known = new KnownPlan();
        await using var db = TestDatabase.CreateContext(connectionString);

        // 企画課 きかくか, 財政課 ざいせいか, 人事課 じんじか, 税務課 ぜいむか share one order; 議会事務局 comes after them.
        var departments = new[]
        {
            new Department("K01", "人事課", "じんじか", 10),
            new Department("K02", "税務課", "ぜいむか", 10),
            new Department("K03", "企画課", "きかくか", 10),
            new Department("K04", "財政課", "ざいせいか", 10),
            new Department("K05", "議会事務局", "ぎかいじむきょく", 20),
            new Department("K06", "DX推進課", "でぃーえっくすすいしんか", 5),
        };
        departments[5].AddFormerName("情報政策課", new FiscalYear(2020));
        db.Departments.AddRange(departments);

        var predecessor = new Plan("テスト市旧情報化計画", Municipality, new FiscalYear(2015), new FiscalYear(2018));
        predecessor.AddGrade("A", "", "目標どおり。");
        var oldPolicy = new Policy(1, "旧計画の方針");
        predecessor.AddPolicy(oldPolicy);
        db.Plans.Add(predecessor);

        var plan = new Plan(Name, Municipality, new FiscalYear(2019), new FiscalYear(2026));
        plan.Describe(Name, "～ICTで笑顔あふれるまち～", Municipality);
        plan.AddGrade("S", "", "目標や計画を上回る達成状況であった。");
        plan.AddGrade("A", "", "目標や計画どおりの達成状況であった。");
        plan.AddGrade("B", "", "目標や計画を下回る達成状況であった。");
        plan.AddGrade("C", "", "目標や計画を大幅に下回る達成状況であった（又は未実施）。");
        plan.AddRevision(new DateOnly(2022, 3, 25), "中間見直しを行った。");
        var policies = PolicyTitles.Select((title, i) => new Policy(i + 1, title)).ToList();
        foreach (var policy in policies)
        {
            plan.AddPolicy(policy);
        }
        var year2020 = plan.AddYear(new FiscalYear(2020));
        year2020.OpenForEntry(new DateOnly(2021, 5, 31));
        var year2021 = plan.AddYear(new FiscalYear(2021));
        year2021.OpenForEntry(new DateOnly(2022, 5, 31));
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var oldItem = new ActionItem(predecessor.Id, oldPolicy.Id, "3", "旧計画のオンライン申請", 1);
        db.ActionItems.Add(oldItem);

        // Lead departments rotate through the first five; item 1 is led by DX推進課 with 企画課 related.
        var items = new List<ActionItem>();
        for (var n = 1; n <= 27; n++)
        {
            var policy = policies[n switch { <= 8 => 0, <= 15 => 1, <= 22 => 2, _ => 3 }];
            var item = new ActionItem(plan.Id, policy.Id, n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"取組項目{n:D2}", n);
            if (n == 1)
            {
                item.Describe("オンライン申請の推進", "①申請手続をオンライン化する。\n②<b>太字にならない</b>こと。", "全手続の50%をオンライン化する。", "", "市民の利便性向上", "");
                item.AssignDepartment(departments[5].Id, DepartmentRole.Lead);
                item.AssignDepartment(departments[2].Id, DepartmentRole.Related);
                item.SetPhase(new FiscalYear(2020), "検討");
                item.SetPhase(new FiscalYear(2021), "導入");
                var applications = new Kpi("オンライン申請件数", "件", KpiDirection.HigherIsBetter, 1);
                applications.SetBaseline(KpiValueText.Parse("800件"), new FiscalYear(2018));
                applications.SetPlanned(new FiscalYear(2020), KpiValueText.Parse("1,000件"));
                applications.SetActual(new FiscalYear(2020), KpiValueText.Parse("１，２５０件"));
                applications.SetPlanned(new FiscalYear(2021), KpiValueText.Parse("1,200件"));
                applications.SetActual(new FiscalYear(2021), KpiValueText.Parse("未測定"));
                var time = new Kpi("申請処理時間", "時間", KpiDirection.LowerIsBetter, 2);
                time.SetPlanned(new FiscalYear(2020), KpiValueText.Parse("10時間"));
                time.SetActual(new FiscalYear(2020), KpiValueText.Parse("8時間") with { NameAsWritten = "平均申請処理時間" });
                var saving = new Kpi("経費削減率", "%", KpiDirection.HigherIsBetter, 3);
                saving.SetPlanned(new FiscalYear(2020), KpiValueText.Parse("2.0%"));
                saving.SetActual(new FiscalYear(2020), KpiValueText.Parse("▲1.5%"));
                foreach (var kpi in new[] { applications, time, saving })
                {
                    item.AddKpi(kpi);
                }
            }
            else
            {
                item.AssignDepartment(departments[(n - 2) % 5].Id, DepartmentRole.Lead);
            }
            if (n == 27)
            {
                item.Complete(new FiscalYear(2020));
            }
            items.Add(item);
        }
        db.ActionItems.AddRange(items);
        await db.SaveChangesAsync();
        items[0].ContinueFrom(oldItem.Id);
        await db.SaveChangesAsync();

        var at = new DateTimeOffset(2021, 4, 20, 9, 0, 0, TimeSpan.FromHours(9));
        foreach (var item in items)
        {
            var n = int.Parse(item.Number, System.Globalization.CultureInfo.InvariantCulture);
            var rating = n <= 3 ? "S" : n <= 18 ? "A" : "B";
            var evaluation = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(2020));
            var itemDepartments = item.Departments.Select(d => d.DepartmentId).ToList();
            foreach (var departmentId in itemDepartments)
            {
                var result = departmentId == departments[5].Id ? "オンライン申請を20手続で開始した。\n説明会を3回開催した。" : $"取組項目{n}を実施した。";
                evaluation.SaveDraft(year2020, plan, departmentId, result, "対象手続を広げる。", rating, "editor", at);
                evaluation.SubmitPart(year2020, departmentId, itemDepartments, "editor", at);
            }
            evaluation.Approve(year2020, plan, null, null, "reviewer", at);
            db.Evaluations.Add(evaluation);
        }

        // 令和3年度: item 1 draft, 2 submitted, 3 returned, 4 approved with a revised rating; the rest not started.
        for (var n = 1; n <= 4; n++)
        {
            var item = items[n - 1];
            var evaluation = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(2021));
            var itemDepartments = item.Departments.Select(d => d.DepartmentId).ToList();
            evaluation.SaveDraft(year2021, plan, itemDepartments[0], "令和3年度の実績。", "", "A", "editor", at.AddYears(1));
            if (n >= 2)
            {
                foreach (var departmentId in itemDepartments)
                {
                    evaluation.SaveDraft(year2021, plan, departmentId, "令和3年度の実績。", "", "A", "editor", at.AddYears(1));
                    evaluation.SubmitPart(year2021, departmentId, itemDepartments, "editor", at.AddYears(1));
                }
            }
            if (n == 3)
            {
                evaluation.Return(year2021, "数値の根拠を追記してください。", "reviewer", at.AddYears(1));
            }
            if (n == 4)
            {
                evaluation.Approve(year2021, plan, "S", "目標を大きく上回ったため。", "reviewer", at.AddYears(1));
            }
            db.Evaluations.Add(evaluation);
        }
        await db.SaveChangesAsync();
        year2020.Close();
        await db.SaveChangesAsync();

        known.PlanId = plan.Id;
        known.PredecessorPlanId = predecessor.Id;
        known.PredecessorItemId = oldItem.Id;
        foreach (var item in items)
        {
            known.Items[item.Number] = item.Id;
        }
        foreach (var department in departments)
        {
            known.Departments[department.Name] = department.Id;
        }
        for (var i = 0; i < policies.Count; i++)
        {
            known.Policies[i + 1] = policies[i].Id;
        }
        return known;
    }
}
