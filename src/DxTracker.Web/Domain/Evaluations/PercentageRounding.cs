namespace DxTracker.Web.Domain.Evaluations;

/// <summary>How a plan rounds the integer shares of its grade table (自己評価結果の割合).</summary>
public enum PercentageRounding
{
    /// <summary>四捨五入 of each share on its own (half up, away from zero): the total may differ from 100%.</summary>
    HalfUpEach,

    /// <summary>
    /// Largest remainder: floor every share, then give the missing points one each to the largest remainders
    /// (ties to the grade earlier in the scale), so the total is exactly 100%.
    /// </summary>
    LargestRemainder,
}
