using System.Globalization;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Plans;

/// <summary>How the plan pages word and mark states: labels in Japanese, badge classes that pair a colour with the text.</summary>
internal static class PlanText
{
    /// <summary>Shown for an item that is not evaluated in the year (completed, stopped, deleted or merged earlier).</summary>
    public const string NotApplicable = "対象外";

    public static string StatusLabel(EvaluationStatus? status) => YearlyEvaluation.StatusLabel(status ?? EvaluationStatus.NotStarted);

    public static string StatusBadge(EvaluationStatus? status) => (status ?? EvaluationStatus.NotStarted) switch
    {
        EvaluationStatus.Draft => "badge badge-draft",
        EvaluationStatus.Submitted => "badge badge-submitted",
        EvaluationStatus.Returned => "badge badge-returned",
        EvaluationStatus.Approved => "badge badge-approved",
        _ => "badge badge-not-started",
    };

    public static string YearStateBadge(PlanYearState? state) => state switch
    {
        PlanYearState.Open => "badge badge-submitted",
        PlanYearState.InReview => "badge badge-draft",
        PlanYearState.Closed => "badge badge-approved",
        _ => "badge badge-not-started",
    };

    public static string YearStateLabel(PlanYearState? state) => state is { } s ? PlanYear.StateLabel(s) : "未開始";

    public static string ItemStatusBadge(ItemStatus status) => status == ItemStatus.Active ? "badge badge-active" : "badge badge-inactive";

    public static string DirectionLabel(KpiDirection direction) => direction == KpiDirection.LowerIsBetter
        ? "値が小さいほど良い（減少を目指す）"
        : "値が大きいほど良い（増加を目指す）";

    public static string RoleLabel(DepartmentRole role) => role == DepartmentRole.Lead ? "主管" : "関係";

    /// <summary>2022年3月25日</summary>
    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>103.5%, or null when there is no rate.</summary>
    public static string? Rate(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : null;

    public static string Percent(int value) => value.ToString(CultureInfo.InvariantCulture) + "%";

    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
