using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Reporting;

/// <summary>The counts of one policy: items, each grade and outcome mark in scale order, and items not rated.</summary>
public sealed record PolicyFigures(ReportPolicy Policy, int ItemCount, IReadOnlyList<int> GradeCounts, IReadOnlyList<int> MarkCounts, int Unrated);

/// <summary>The counts of one fiscal year, for the chart of all years.</summary>
public sealed record YearFigures(FiscalYear Year, IReadOnlyList<int> GradeCounts, IReadOnlyList<int> MarkCounts)
{
    public int Total => GradeCounts.Sum() + MarkCounts.Sum();
}

/// <summary>
/// The numbers of the report computed once from the model, so that the workbook, the preview and the charts
/// agree: grade counts and shares through <see cref="YearSummary"/> (shares of the graded items, rounded as the
/// plan chooses), outcome marks counted apart, per policy and per year.
/// </summary>
public sealed class AnnualReportFigures
{
    private AnnualReportFigures(
        YearSummary summary,
        IReadOnlyList<int> markCounts,
        int itemCount,
        int unrated,
        bool hasResults,
        IReadOnlyList<PolicyFigures> policies,
        IReadOnlyList<YearFigures> years)
    {
        Summary = summary;
        MarkCounts = markCounts;
        ItemCount = itemCount;
        Unrated = unrated;
        HasResults = hasResults;
        Policies = policies;
        Years = years;
    }

    /// <summary>Counts and shares of the grades (outcome marks and unrated items are not part of them).</summary>
    public YearSummary Summary { get; }

    /// <summary>The count of each outcome mark, in the order of <see cref="AnnualReportModel.OutcomeMarks"/>.</summary>
    public IReadOnlyList<int> MarkCounts { get; }

    public int ItemCount { get; }

    /// <summary>Items with neither a grade nor an outcome mark yet.</summary>
    public int Unrated { get; }

    /// <summary>Whether any item has a rating or a written result; a report without is the empty report.</summary>
    public bool HasResults { get; }

    public bool IsEmpty => !HasResults;

    public IReadOnlyList<PolicyFigures> Policies { get; }

    /// <summary>The earlier years given in the model, then the report's year, oldest first.</summary>
    public IReadOnlyList<YearFigures> Years { get; }

    /// <summary>The usual note under a table of shares rounded each on its own that do not add up to 100%.</summary>
    public bool NeedsRoundingNote => Summary.Rounding == PercentageRounding.HalfUpEach && Summary.Total > 0 && Summary.TotalPercentage != 100;

    /// <exception cref="DomainRuleException">An item is rated with a code that is neither a grade nor an outcome mark of the plan.</exception>
    public static AnnualReportFigures Compute(AnnualReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scale = model.Grades.Select((g, i) => new GradeDefinition(g.Code, g.Label, g.Definition, i)).ToList();
        var marks = Index(model.OutcomeMarks);
        var grades = Index(model.Grades);

        var evaluated = new List<EvaluatedItem>();
        var markCounts = new int[model.OutcomeMarks.Count];
        var policies = new List<PolicyFigures>();
        var itemId = 0;
        var unrated = 0;
        var hasResults = false;
        for (var policyIndex = 0; policyIndex < model.Policies.Count; policyIndex++)
        {
            var policy = model.Policies[policyIndex];
            var policyGrades = new int[model.Grades.Count];
            var policyMarks = new int[model.OutcomeMarks.Count];
            var policyUnrated = 0;
            foreach (var item in policy.Items)
            {
                var rating = string.IsNullOrWhiteSpace(item.EffectiveRating) ? null : item.EffectiveRating.Trim();
                hasResults |= rating is not null || item.Parts.Any(p => !string.IsNullOrWhiteSpace(p.Result));
                if (rating is not null && marks.TryGetValue(rating, out var mark))
                {
                    markCounts[mark]++;
                    policyMarks[mark]++;
                    rating = null;
                }
                else if (rating is null)
                {
                    unrated++;
                    policyUnrated++;
                }
                else if (grades.TryGetValue(rating, out var grade))
                {
                    policyGrades[grade]++;
                }

                // Codes of neither kind go on to YearSummary, which refuses them with a message naming the code.
                evaluated.Add(new EvaluatedItem(itemId++, policyIndex, rating));
            }

            policies.Add(new PolicyFigures(policy, policy.Items.Count, policyGrades, policyMarks, policyUnrated));
        }

        // Marked items are passed without a grade: YearSummary counts them as not evaluated, which is only used
        // for its shares; this class keeps its own count of unrated items.
        var summary = YearSummary.Compute(scale, evaluated, model.Rounding);

        var years = model.EarlierYears
            .Where(y => y.Year < model.FiscalYear)
            .OrderBy(y => y.Year)
            .Select(y => new YearFigures(
                y.Year,
                model.Grades.Select(g => y.Counts.GetValueOrDefault(g.Code)).ToList(),
                model.OutcomeMarks.Select(m => y.Counts.GetValueOrDefault(m.Code)).ToList()))
            .ToList();
        years.Add(new YearFigures(model.FiscalYear, summary.Grades.Select(g => g.Count).ToList(), markCounts));

        return new AnnualReportFigures(summary, markCounts, itemId, unrated, hasResults, policies, years);
    }

    private static Dictionary<string, int> Index(IReadOnlyList<ReportGrade> grades)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < grades.Count; i++)
        {
            index.TryAdd(grades[i].Code, i);
        }

        return index;
    }
}
