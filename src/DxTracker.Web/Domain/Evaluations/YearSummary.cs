namespace DxTracker.Web.Domain.Evaluations;

/// <summary>評価区分: one grade of a plan's rating scale, e.g. S「目標や計画を上回る達成状況であった。」.</summary>
public sealed record GradeDefinition(string Code, string Label, string Definition, int Order);

/// <summary>An action item's rating for the year; <see cref="GradeCode"/> is null while it is not evaluated.</summary>
public sealed record EvaluatedItem(int ItemId, int PolicyId, string? GradeCode);

/// <summary>How many items got a grade, and their share in whole percent.</summary>
public sealed record GradeCount(string Code, int Count, int Percentage);

/// <summary>The grade counts of one policy (取組方針); <see cref="Total"/> counts its evaluated items.</summary>
public sealed record PolicyCounts(int PolicyId, int Total, IReadOnlyList<GradeCount> Grades, int NotEvaluated);

/// <summary>
/// 自己評価結果: the number of items per grade of the plan's scale and their shares, for the year and
/// per policy, as the annual report tables show them. Shares are of the evaluated items only.
/// </summary>
public sealed class YearSummary
{
    private YearSummary(
        PercentageRounding rounding,
        int total,
        IReadOnlyList<GradeCount> grades,
        int notEvaluated,
        IReadOnlyList<PolicyCounts> byPolicy)
    {
        Rounding = rounding;
        Total = total;
        Grades = grades;
        NotEvaluated = notEvaluated;
        ByPolicy = byPolicy;
        TotalPercentage = grades.Sum(g => g.Percentage);
    }

    public PercentageRounding Rounding { get; }

    /// <summary>Items with a grade of the scale.</summary>
    public int Total { get; }

    /// <summary>Every grade of the scale in scale order, also those no item got.</summary>
    public IReadOnlyList<GradeCount> Grades { get; }

    /// <summary>Items without a grade yet; not part of <see cref="Total"/> or the shares.</summary>
    public int NotEvaluated { get; }

    /// <summary>Per policy, in the order each policy first appears in the items.</summary>
    public IReadOnlyList<PolicyCounts> ByPolicy { get; }

    /// <summary>The sum of the shares: 100, or near it with <see cref="PercentageRounding.HalfUpEach"/>; 0 without evaluated items.</summary>
    public int TotalPercentage { get; }

    /// <exception cref="DomainRuleException">An item has a grade the scale does not define, or the scale repeats a code.</exception>
    /// <exception cref="ArgumentException">An item appears more than once.</exception>
    public static YearSummary Compute(
        IReadOnlyList<GradeDefinition> scale,
        IReadOnlyList<EvaluatedItem> items,
        PercentageRounding rounding)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(items);

        var grades = scale.OrderBy(g => g.Order).ToList();
        var gradeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Count; i++)
        {
            if (!gradeIndex.TryAdd(grades[i].Code, i))
            {
                throw new DomainRuleException($"評価区分「{grades[i].Code}」が重複しています。");
            }
        }

        var year = new Tally(grades.Count);
        var policies = new Dictionary<int, Tally>();
        var policyOrder = new List<int>();
        var itemIds = new HashSet<int>();
        foreach (var item in items)
        {
            if (!itemIds.Add(item.ItemId))
            {
                throw new ArgumentException($"Item {item.ItemId} appears more than once.", nameof(items));
            }
            if (!policies.TryGetValue(item.PolicyId, out var policy))
            {
                policy = new Tally(grades.Count);
                policies.Add(item.PolicyId, policy);
                policyOrder.Add(item.PolicyId);
            }

            if (string.IsNullOrWhiteSpace(item.GradeCode))
            {
                year.NotEvaluated++;
                policy.NotEvaluated++;
                continue;
            }
            if (!gradeIndex.TryGetValue(item.GradeCode, out var grade))
            {
                var known = string.Join("、", grades.Select(g => g.Code));
                throw new DomainRuleException($"評価「{item.GradeCode}」はこの計画の評価区分（{known}）にありません。");
            }
            year.Counts[grade]++;
            policy.Counts[grade]++;
        }

        var byPolicy = policyOrder
            .Select(id => new PolicyCounts(id, policies[id].Total, policies[id].ToGradeCounts(grades, rounding), policies[id].NotEvaluated))
            .ToList();
        return new YearSummary(rounding, year.Total, year.ToGradeCounts(grades, rounding), year.NotEvaluated, byPolicy);
    }

    /// <summary>
    /// Integer shares in percent of each count in the sum of all counts, rounded as the plan chooses.
    /// All 0 when the counts add up to 0.
    /// </summary>
    public static IReadOnlyList<int> Percentages(IReadOnlyList<int> counts, PercentageRounding rounding)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long total = 0;
        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(counts));
            total += count;
        }

        var shares = new int[counts.Count];
        if (total == 0)
        {
            return shares;
        }

        switch (rounding)
        {
            case PercentageRounding.HalfUpEach:
                for (var i = 0; i < shares.Length; i++)
                {
                    shares[i] = (int)Math.Round(counts[i] * 100m / total, MidpointRounding.AwayFromZero);
                }
                break;

            case PercentageRounding.LargestRemainder:
                var remainders = new long[shares.Length];
                for (var i = 0; i < shares.Length; i++)
                {
                    var scaled = counts[i] * 100L;
                    shares[i] = (int)(scaled / total);
                    remainders[i] = scaled % total;
                }
                var missing = 100 - shares.Sum();
                var largestFirst = Enumerable.Range(0, shares.Length)
                    .OrderByDescending(i => remainders[i])
                    .ThenBy(i => i);
                foreach (var i in largestFirst.Take(missing))
                {
                    shares[i]++;
                }
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(rounding), rounding, null);
        }
        return shares;
    }

    private sealed class Tally(int gradeCount)
    {
        public int[] Counts { get; } = new int[gradeCount];

        public int NotEvaluated { get; set; }

        public int Total => Counts.Sum();

        public List<GradeCount> ToGradeCounts(List<GradeDefinition> grades, PercentageRounding rounding)
        {
            var percentages = Percentages(Counts, rounding);
            return grades.Select((g, i) => new GradeCount(g.Code, Counts[i], percentages[i])).ToList();
        }
    }
}
