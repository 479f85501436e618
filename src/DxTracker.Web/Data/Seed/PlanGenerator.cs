using System.Globalization;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Data.Seed;

/// <summary>What <see cref="PlanGenerator"/> makes; the same options and seed give the same plan.</summary>
internal sealed record PlanGeneratorOptions
{
    public int Items { get; init; } = 500;

    public int Seed { get; init; } = 1;

    public string Name { get; init; } = "DX推進計画";

    public string Municipality { get; init; } = "架空市";

    public int StartYear { get; init; } = 2019;

    /// <summary>Plan years; the last is open for entry, the one before in review, the earlier ones closed.</summary>
    public int Years { get; init; } = 8;

    public PercentageRounding Rounding { get; init; } = PercentageRounding.HalfUpEach;

    /// <summary>Items saved per round trip batch (with their KPIs, schedule and evaluations).</summary>
    public int BatchSize { get; init; } = 100;
}

/// <summary>The generated plan's keys, for tests and benchmarks to navigate by.</summary>
internal sealed record GeneratedPlan(int PlanId, IReadOnlyList<int> ItemIds, IReadOnlyDictionary<string, int> DepartmentIds, int FirstYear, int LastYear);

/// <summary>
/// Generates a realistic plan for tests, benchmarks and trying the app out: 6 policies (two with 取組 categories),
/// the S/A/B/C scale, about 40 departments (some renamed, with their former names), items with 1–3 departments,
/// 3 KPIs each with 予定 and 実績 for every plan year (some 未測定, some ▲ negatives), schedule phases, and one
/// evaluation per active item and year with a part per department: earlier years approved and closed, the
/// year before last in review, the last year open with every workflow state. Deterministic for a seed.
/// Inserts through EF in batches; an audited context records every row too, so prefer a plain one.
/// </summary>
internal static class PlanGenerator
{
    private const string Actor = "generator";

    private static readonly (string Code, string Label, string Definition)[] Scale =
    [
        ("S", "上回る", "目標や計画を上回る達成状況であった。"),
        ("A", "計画どおり", "目標や計画どおりの達成状況であった。"),
        ("B", "下回る", "目標や計画を下回る達成状況であった。"),
        ("C", "大幅に下回る", "目標や計画を大幅に下回る達成状況であった（又は未実施）。"),
    ];

    // 取組方針 with optional 取組 categories, and the share of the items each gets.
    private static readonly (string Title, string[] Categories, double Share)[] Policies =
    [
        ("行政手続のオンライン化と窓口サービスの向上", [], 0.20),
        ("行政運営の効率化", ["業務改革（BPR）の推進", "情報システムの最適化"], 0.20),
        ("地域社会のデジタル化", [], 0.15),
        ("デジタルデバイド対策と人材育成", ["誰一人取り残さないデジタル化", "職員のデジタル人材育成"], 0.15),
        ("情報セキュリティの確保", [], 0.15),
        ("データ利活用の推進", [], 0.15),
    ];

    // 部署: name, よみがな, the 部 order (SortOrder), and a former name with the last year it was used.
    private static readonly (string Name, string Reading, int Order, string? FormerName, int FormerUntil)[] DepartmentList =
    [
        ("総務課", "そうむか", 100, null, 0),
        ("人事課", "じんじか", 100, null, 0),
        ("危機管理課", "ききかんりか", 100, null, 0),
        ("契約課", "けいやくか", 100, null, 0),
        ("デジタル推進課", "でじたるすいしんか", 100, "情報推進課", 2021),
        ("企画課", "きかくか", 200, null, 0),
        ("財政課", "ざいせいか", 200, null, 0),
        ("税務課", "ぜいむか", 200, null, 0),
        ("収納課", "しゅうのうか", 200, null, 0),
        ("広報課", "こうほうか", 200, "秘書広報課", 2020),
        ("市民課", "しみんか", 300, null, 0),
        ("保険年金課", "ほけんねんきんか", 300, null, 0),
        ("地域振興課", "ちいきしんこうか", 300, null, 0),
        ("男女共同参画課", "だんじょきょうどうさんかくか", 300, null, 0),
        ("消費生活センター", "しょうひせいかつせんたー", 300, null, 0),
        ("福祉総務課", "ふくしそうむか", 400, null, 0),
        ("障害福祉課", "しょうがいふくしか", 400, null, 0),
        ("介護保険課", "かいごほけんか", 400, null, 0),
        ("高齢者支援課", "こうれいしゃしえんか", 400, "長寿社会課", 2022),
        ("生活支援課", "せいかつしえんか", 400, null, 0),
        ("こども政策課", "こどもせいさくか", 500, "子育て支援課", 2022),
        ("保育課", "ほいくか", 500, null, 0),
        ("子ども家庭相談課", "こどもかていそうだんか", 500, null, 0),
        ("健康づくり課", "けんこうづくりか", 600, null, 0),
        ("保健予防課", "ほけんよぼうか", 600, null, 0),
        ("環境政策課", "かんきょうせいさくか", 700, null, 0),
        ("ごみ減量推進課", "ごみげんりょうすいしんか", 700, null, 0),
        ("都市計画課", "としけいかくか", 800, null, 0),
        ("住宅課", "じゅうたくか", 800, null, 0),
        ("道路管理課", "どうろかんりか", 800, null, 0),
        ("公園緑地課", "こうえんりょくちか", 800, null, 0),
        ("商工観光課", "しょうこうかんこうか", 900, null, 0),
        ("農林水産課", "のうりんすいさんか", 900, null, 0),
        ("水道総務課", "すいどうそうむか", 1000, null, 0),
        ("消防総務課", "しょうぼうそうむか", 1100, null, 0),
        ("情報指令課", "じょうほうしれいか", 1100, null, 0),
        ("教育総務課", "きょういくそうむか", 1200, null, 0),
        ("学校教育課", "がっこうきょういくか", 1200, null, 0),
        ("生涯学習課", "しょうがいがくしゅうか", 1200, null, 0),
        ("図書館", "としょかん", 1200, null, 0),
        ("議会事務局", "ぎかいじむきょく", 1300, null, 0),
    ];

    private static readonly string[] Topics =
    [
        "オンライン申請", "キャッシュレス決済", "AI-OCR", "RPA", "テレワーク", "ペーパーレス会議", "オープンデータ",
        "公衆無線LAN", "マイナンバーカード", "地理情報システム（GIS）", "電子契約", "書かない窓口", "AIチャットボット",
        "情報セキュリティ研修", "GIGAスクール端末", "防災情報システム", "電子図書館", "子育て支援アプリ", "施設予約システム",
        "Web会議", "文書管理システム", "ガバメントクラウド", "基幹業務システムの標準化", "庁内LAN", "ホームページ",
        "SNSによる情報発信", "スマート農業", "観光Wi-Fi", "デジタル活用支援員", "スマホ教室", "電子入札", "タブレット端末",
        "議会のICT化", "消防指令システム", "健康管理アプリ", "EBPM（証拠に基づく政策立案）", "ノーコードツール", "生成AI",
    ];

    private static readonly string[] Verbs = ["の推進", "の導入", "の拡充", "の活用", "の整備", "の普及促進", "の利用拡大"];

    private static readonly string[] Phases = ["検討", "実証", "導入", "運用", "拡充"];

    private static readonly (string Name, string Unit, KpiDirection Direction, decimal Base, decimal Step, int Decimals)[] KpiKinds =
    [
        ("{0}の利用件数", "件", KpiDirection.HigherIsBetter, 1200m, 0.12m, 0),
        ("{0}の対象手続数", "手続", KpiDirection.HigherIsBetter, 20m, 0.15m, 0),
        ("{0}の利用率", "%", KpiDirection.HigherIsBetter, 12m, 0.18m, 1),
        ("{0}に係る処理時間", "時間", KpiDirection.LowerIsBetter, 480m, -0.08m, 0),
        ("{0}の研修受講者数", "人", KpiDirection.HigherIsBetter, 150m, 0.10m, 0),
        ("{0}の導入施設数", "施設", KpiDirection.HigherIsBetter, 8m, 0.20m, 0),
        ("{0}に関する問合せ件数", "件", KpiDirection.LowerIsBetter, 900m, -0.06m, 0),
        ("{0}による経費の前年度比削減率", "%", KpiDirection.HigherIsBetter, 1.5m, 0m, 1),
    ];

    /// <summary>Creates the plan; departments with the generator's names are reused when they exist.</summary>
    public static async Task<GeneratedPlan> GenerateAsync(AppDbContext db, PlanGeneratorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        options ??= new PlanGeneratorOptions();
        if (options.Items < 1 || options.Years < 1 || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Items, Years and BatchSize must be at least 1.");
        }

        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var random = new Random(options.Seed);
            var departments = await EnsureDepartmentsAsync(db, cancellationToken);
            var (plan, policies, years) = await CreatePlanAsync(db, options, cancellationToken);
            var generator = new ItemWriter(db, random, plan, policies, years, departments, options);
            var itemIds = await generator.WriteAsync(cancellationToken);
            await SetYearStatesAsync(db, plan.Id, options, cancellationToken);
            return new GeneratedPlan(plan.Id, itemIds, departments.ToDictionary(d => d.Name, d => d.Id), plan.StartYear, plan.EndYear);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    private static async Task<List<Department>> EnsureDepartmentsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var names = DepartmentList.Select(d => d.Name).ToList();
        var existing = await db.Departments.AsNoTracking().Include(d => d.FormerNames).Where(d => names.Contains(d.Name)).ToListAsync(cancellationToken);
        var usedCodes = (await db.Departments.AsNoTracking().Select(d => d.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var result = new List<Department>();
        var code = 0;
        foreach (var (name, reading, order, formerName, formerUntil) in DepartmentList)
        {
            var department = existing.FirstOrDefault(d => d.Name == name);
            if (department is null)
            {
                string candidate;
                do
                {
                    candidate = string.Create(CultureInfo.InvariantCulture, $"G{++code:D3}");
                }
                while (!usedCodes.Add(candidate));
                department = new Department(candidate, name, reading, order);
                if (formerName is not null)
                {
                    department.AddFormerName(formerName, new FiscalYear(formerUntil));
                }
                db.Departments.Add(department);
            }
            result.Add(department);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result;
    }

    private static async Task<(Plan Plan, List<(Policy Policy, List<Category> Categories, double Share)> Policies, List<PlanYear> Years)> CreatePlanAsync(
        AppDbContext db, PlanGeneratorOptions options, CancellationToken cancellationToken)
    {
        var start = new FiscalYear(options.StartYear);
        var end = new FiscalYear(options.StartYear + options.Years - 1);
        var plan = new Plan(options.Name, options.Municipality, start, end);
        plan.Describe(options.Name, "～誰もが便利さを実感できるデジタル社会をめざして～", options.Municipality);
        plan.SetRounding(options.Rounding);
        foreach (var (code, label, definition) in Scale)
        {
            plan.AddGrade(code, label, definition);
        }
        plan.AddRevision(new DateOnly(options.StartYear, 3, 31), "計画を策定した。");
        if (options.Years >= 4)
        {
            plan.AddRevision(new DateOnly(options.StartYear + 3, 3, 25), "中間見直し：指標の一部を見直し、取組項目を追加した。");
        }

        var policies = new List<(Policy, List<Category>, double)>();
        for (var p = 0; p < Policies.Length; p++)
        {
            var (title, categoryTitles, share) = Policies[p];
            var policy = new Policy(p + 1, title);
            var categories = categoryTitles.Select((t, c) => new Category($"{p + 1}-{c + 1}", t, c + 1)).ToList();
            foreach (var category in categories)
            {
                policy.AddCategory(category);
            }
            plan.AddPolicy(policy);
            policies.Add((policy, categories, share));
        }

        // Every year is open while the generator writes evaluations (the database refuses writes to closed
        // years); SetYearStatesAsync moves them to their final states afterwards.
        var years = new List<PlanYear>();
        foreach (var year in plan.FiscalYears)
        {
            var planYear = plan.AddYear(year);
            planYear.OpenForEntry(new DateOnly(year.Year + 1, 5, 31));
            years.Add(planYear);
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (plan, policies, years);
    }

    private static async Task SetYearStatesAsync(AppDbContext db, int planId, PlanGeneratorOptions options, CancellationToken cancellationToken)
    {
        var years = await db.PlanYears.Where(y => y.PlanId == planId).OrderBy(y => y.FiscalYear).ToListAsync(cancellationToken);
        for (var i = 0; i < years.Count; i++)
        {
            var year = years[i];
            if (i == years.Count - 1)
            {
                continue;
            }
            if (i == years.Count - 2)
            {
                year.StartReview();
                continue;
            }
            year.WriteConclusion($"{year.Year.Label}は、{options.Municipality}のDX推進に向け、各取組項目を計画に沿っておおむね着実に実施した。\n引き続き、全庁一丸となって取組を推進する。");
            year.Close();
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes the items batch by batch, each batch with its evaluations.</summary>
    private sealed class ItemWriter(
        AppDbContext db,
        Random random,
        Plan plan,
        List<(Policy Policy, List<Category> Categories, double Share)> policies,
        List<PlanYear> years,
        List<Department> departments,
        PlanGeneratorOptions options)
    {
        private readonly List<ActionItem> written = [];
        private readonly int digitalDepartmentId = departments.First(d => d.Name == "デジタル推進課").Id;

        public async Task<IReadOnlyList<int>> WriteAsync(CancellationToken cancellationToken)
        {
            var policyOfItem = AssignPolicies(options.Items);
            // Items of a policy with categories fill its categories in turn, so numbers run on within each.
            var itemsPerPolicy = policyOfItem.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
            var seenPerPolicy = new Dictionary<int, int>();
            for (var start = 0; start < options.Items; start += options.BatchSize)
            {
                var batch = new List<(ActionItem Item, int[] DepartmentIds)>();
                for (var i = start; i < Math.Min(options.Items, start + options.BatchSize); i++)
                {
                    var (policy, categories, _) = policies[policyOfItem[i]];
                    var seen = seenPerPolicy.GetValueOrDefault(policyOfItem[i]);
                    seenPerPolicy[policyOfItem[i]] = seen + 1;
                    int? categoryId = categories.Count > 0
                        ? categories[seen * categories.Count / itemsPerPolicy[policyOfItem[i]]].Id
                        : null;
                    batch.Add(CreateItem(i, policy, categoryId));
                }
                db.ActionItems.AddRange(batch.Select(b => b.Item));
                await db.SaveChangesAsync(cancellationToken);

                db.Evaluations.AddRange(batch.SelectMany(b => CreateEvaluations(b.Item, b.DepartmentIds)));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                written.AddRange(batch.Select(b => b.Item));
            }
            return written.Select(i => i.Id).ToList();
        }

        private int[] AssignPolicies(int count)
        {
            var result = new int[count];
            var boundaries = new List<int>();
            var cumulative = 0.0;
            foreach (var (_, _, share) in policies)
            {
                cumulative += share;
                boundaries.Add((int)Math.Round(cumulative * count, MidpointRounding.AwayFromZero));
            }
            var policy = 0;
            for (var i = 0; i < count; i++)
            {
                while (policy < policies.Count - 1 && i >= boundaries[policy])
                {
                    policy++;
                }
                result[i] = policy;
            }
            return result;
        }

        private (ActionItem Item, int[] DepartmentIds) CreateItem(int index, Policy policy, int? categoryId)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var number = (index + 1).ToString(CultureInfo.InvariantCulture);
            var item = new ActionItem(plan.Id, policy.Id, number, topic + Verbs[random.Next(Verbs.Length)], index + 1);
            item.Place(policy.Id, categoryId, number, index + 1);
            var detailed = random.NextDouble() < 0.3;
            item.Describe(
                item.Title,
                $"①{topic}に関する現状と課題を調査し、導入方針を定める。\n②関係課と連携して{topic}を段階的に導入する。\n③利用状況を検証し、対象業務を拡大する。",
                $"{topic}の利用を広げ、市民の利便性の向上と業務の効率化を図る。",
                detailed ? $"{topic}について、国の動向を踏まえて全庁的に取り組む。" : string.Empty,
                detailed ? "手続や業務のデジタル化により、市民サービスの向上と職員の負担軽減を図る。" : string.Empty,
                detailed ? $"計画期間中に{topic}を主要な業務で活用している状態とする。" : string.Empty);

            var departmentIds = PickDepartments();
            for (var d = 0; d < departmentIds.Length; d++)
            {
                item.AssignDepartment(departmentIds[d], d == 0 ? DepartmentRole.Lead : DepartmentRole.Related);
            }

            SetLifecycle(item, index);
            var startPhase = random.Next(3);
            var yearIndex = 0;
            foreach (var year in plan.FiscalYears)
            {
                if (item.IsActiveIn(year))
                {
                    item.SetPhase(year, Phases[Math.Min(Phases.Length - 1, startPhase + (yearIndex / 2))]);
                }
                yearIndex++;
            }

            var kinds = Enumerable.Range(0, KpiKinds.Length).OrderBy(_ => random.Next()).Take(3).ToList();
            for (var k = 0; k < kinds.Count; k++)
            {
                item.AddKpi(CreateKpi(item, topic, KpiKinds[kinds[k]], k + 1, lateStart: k == 2 && index % 20 == 7));
            }
            return (item, departmentIds);
        }

        private int[] PickDepartments()
        {
            var count = random.NextDouble() switch { < 0.55 => 1, < 0.85 => 2, _ => 3 };
            var chosen = new List<int>();
            // The digital office leads or joins many items, as in real plans.
            if (random.NextDouble() < 0.2)
            {
                chosen.Add(digitalDepartmentId);
            }
            while (chosen.Count < count)
            {
                var id = departments[random.Next(departments.Count)].Id;
                if (!chosen.Contains(id))
                {
                    chosen.Add(id);
                }
            }
            if (count >= 2 && !chosen.Contains(digitalDepartmentId) && random.NextDouble() < 0.4)
            {
                chosen[^1] = digitalDepartmentId;
            }
            return [.. chosen];
        }

        private void SetLifecycle(ActionItem item, int index)
        {
            if (index < 5 || options.Years < 4)
            {
                return;
            }
            var roll = random.NextDouble();
            var year = new FiscalYear(plan.StartYear + 2 + random.Next(options.Years - 3));
            if (roll < 0.04)
            {
                item.Complete(year);
            }
            else if (roll < 0.06)
            {
                item.Abolish(year, "国の制度変更により事業を中止した。");
            }
            else if (roll < 0.08)
            {
                item.Delete(year, "中間見直しにより他の取組項目に統合したため削除した。");
            }
            else if (roll < 0.10 && written.Count > 0)
            {
                item.MergeInto(written[random.Next(written.Count)], year);
            }
        }

        private Kpi CreateKpi(ActionItem item, string topic, (string Name, string Unit, KpiDirection Direction, decimal Base, decimal Step, int Decimals) kind, int order, bool lateStart)
        {
            var kpi = new Kpi(string.Format(CultureInfo.InvariantCulture, kind.Name, topic), kind.Unit, kind.Direction, order);
            var scale = 0.5m + (decimal)random.NextDouble();
            var baseline = Round(kind.Base * scale, kind.Decimals);
            kpi.SetBaseline(KpiValueText.Parse(KpiValueText.Format(baseline, kind.Unit)), new FiscalYear(plan.StartYear - 1));
            var first = lateStart ? plan.StartYear + 3 : plan.StartYear;
            if (lateStart)
            {
                kpi.SetApplicableYears(new FiscalYear(first), null);
            }

            var planned = baseline;
            var lastYear = plan.EndYear;
            foreach (var year in plan.FiscalYears.Where(y => y.Year >= first))
            {
                var isPercentChange = kind.Step == 0m;
                planned = isPercentChange
                    ? Round(1m + ((decimal)random.NextDouble() * 4m), kind.Decimals)
                    : Round(Math.Max(planned * (1m + kind.Step), kind.Decimals == 0 ? 1m : 0.1m), kind.Decimals);
                if (kind.Unit == "%" && !isPercentChange)
                {
                    planned = Math.Min(planned, 95m);
                }
                if (!item.IsActiveIn(year))
                {
                    continue;
                }
                kpi.SetPlanned(year, KpiValueText.Parse(KpiValueText.Format(planned, kind.Unit)));
                kpi.SetActual(year, KpiValueText.Parse(ActualText(planned, kind, isLatest: year.Year == lastYear, isPercentChange)));
            }
            return kpi;
        }

        private string ActualText(decimal planned, (string Name, string Unit, KpiDirection Direction, decimal Base, decimal Step, int Decimals) kind, bool isLatest, bool isPercentChange)
        {
            if ((isLatest && random.NextDouble() < 0.5) || random.NextDouble() < 0.04)
            {
                return "未測定";
            }
            var actual = isPercentChange
                ? Round(planned - 3m + ((decimal)random.NextDouble() * 5m), kind.Decimals)
                : Round(planned * (0.7m + ((decimal)random.NextDouble() * 0.5m)), kind.Decimals);
            var text = KpiValueText.Format(actual, kind.Unit);
            // Some departments type full-width digits; the text is kept as typed.
            return random.NextDouble() < 0.05 ? ToFullWidth(text) : text;
        }

        private IEnumerable<YearlyEvaluation> CreateEvaluations(ActionItem item, int[] departmentIds)
        {
            for (var y = 0; y < years.Count; y++)
            {
                var year = years[y];
                if (!item.IsActiveIn(year.Year))
                {
                    continue;
                }
                var evaluation = new YearlyEvaluation(plan.Id, item.Id, year.Year);
                Advance(evaluation, item, year, departmentIds, TargetStatus(y));
                yield return evaluation;
            }
        }

        private EvaluationStatus TargetStatus(int yearIndex)
        {
            var roll = random.NextDouble();
            if (yearIndex == years.Count - 1)
            {
                return roll switch
                {
                    < 0.15 => EvaluationStatus.NotStarted,
                    < 0.45 => EvaluationStatus.Draft,
                    < 0.75 => EvaluationStatus.Submitted,
                    < 0.85 => EvaluationStatus.Returned,
                    _ => EvaluationStatus.Approved,
                };
            }
            if (yearIndex == years.Count - 2)
            {
                return roll switch
                {
                    < 0.2 => EvaluationStatus.Submitted,
                    < 0.3 => EvaluationStatus.Returned,
                    _ => EvaluationStatus.Approved,
                };
            }
            return EvaluationStatus.Approved;
        }

        private void Advance(YearlyEvaluation evaluation, ActionItem item, PlanYear year, int[] departmentIds, EvaluationStatus target)
        {
            if (target == EvaluationStatus.NotStarted)
            {
                return;
            }
            var at = new DateTimeOffset(year.FiscalYear + 1, 4, 20, 10, 0, 0, TimeSpan.FromHours(9));
            var rating = SelfRating();
            var writers = target == EvaluationStatus.Draft ? departmentIds.Take(1) : departmentIds;
            foreach (var departmentId in writers)
            {
                var name = departments.First(d => d.Id == departmentId).NameIn(year.Year);
                evaluation.SaveDraft(year, plan, departmentId, ResultText(item, year.Year, name), ImprovementText(item), rating, Actor, at);
            }
            if (target == EvaluationStatus.Draft)
            {
                return;
            }
            foreach (var departmentId in departmentIds)
            {
                evaluation.SubmitPart(year, departmentId, departmentIds, Actor, at.AddDays(7));
            }
            switch (target)
            {
                case EvaluationStatus.Returned:
                    evaluation.Return(year, "KPIの実績値の根拠と、未達成の理由を追記してください。", Actor, at.AddDays(14));
                    break;
                case EvaluationStatus.Approved:
                    var revise = random.NextDouble() < 0.06;
                    var final = revise ? OtherGrade(rating) : null;
                    evaluation.Approve(year, plan, final, revise ? "KPIの実績と取組の状況を踏まえ、評価を見直した。" : null, Actor, at.AddDays(21));
                    break;
            }
        }

        private string SelfRating() => random.NextDouble() switch
        {
            < 0.10 => "S",
            < 0.65 => "A",
            < 0.95 => "B",
            _ => "C",
        };

        private string OtherGrade(string rating) => rating switch
        {
            "S" => "A",
            "A" => random.NextDouble() < 0.5 ? "S" : "B",
            "B" => random.NextDouble() < 0.5 ? "A" : "C",
            _ => "B",
        };

        private string ResultText(ActionItem item, FiscalYear year, string departmentName) =>
            $"{year.Label}は、{item.Title}に向けて次のとおり取り組んだ。（{departmentName}）\n" +
            $"・関係課との調整会議を{random.Next(2, 12)}回開催した。\n" +
            $"・利用者アンケートを実施し、{random.Next(50, 900)}件の回答を得た。";

        private string ImprovementText(ActionItem item) => random.NextDouble() < 0.2
            ? string.Empty
            : $"利用者の声を踏まえ、{item.Title}の対象を広げる。\n周知方法を見直し、利用率の向上を図る。";

        private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

        private static string ToFullWidth(string text) => new([.. text.Select(c => c switch
        {
            >= '0' and <= '9' => (char)(c - '0' + '０'),
            ',' => '，',
            '.' => '．',
            '%' => '％',
            _ => c,
        })]);
    }
}
