namespace DxTracker.Web.Domain.Kpis;

/// <summary>Whether a larger actual value is better (申請件数) or a smaller one (処理時間, 事故件数).</summary>
public enum KpiDirection
{
    HigherIsBetter,
    LowerIsBetter,
}
