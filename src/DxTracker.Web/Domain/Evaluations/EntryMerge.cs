namespace DxTracker.Web.Domain.Evaluations;

/// <summary>What a save does with one field of the entry form.</summary>
public enum FieldMergeOutcome
{
    /// <summary>The user did not change it: what is stored stays (whoever wrote it).</summary>
    Keep,

    /// <summary>The user changed it and nobody else did (or someone wrote the same): the user's value is written.</summary>
    Take,

    /// <summary>The user changed it and someone else changed it to something else since the form was opened.</summary>
    Conflict,
}

/// <summary>One field that two people changed differently: both values, so the page can show them side by side.</summary>
public sealed record FieldConflict(string Field, string Label, string Theirs, string Mine);

/// <summary>
/// The save rule of shared items: a save writes only the fields its user changed since the form was opened, and a field
/// that someone else changed in the meantime is a conflict, never an overwrite. Values are compared as the form shows
/// them (null and empty are the same; line endings as typed).
/// </summary>
public static class EntryMerge
{
    public static FieldMergeOutcome Decide(string? loaded, string? mine, string? stored)
    {
        var (l, m, s) = (Normal(loaded), Normal(mine), Normal(stored));
        if (m == l)
        {
            return FieldMergeOutcome.Keep;
        }
        return s == l || s == m ? FieldMergeOutcome.Take : FieldMergeOutcome.Conflict;
    }

    /// <summary>The value the form should show after a save of <paramref name="mine"/>: the user's when changed, else what is stored.</summary>
    public static string Merged(string? loaded, string? mine, string? stored) =>
        Decide(loaded, mine, stored) == FieldMergeOutcome.Keep ? Normal(stored) : Normal(mine);

    public static string Normal(string? value) => value?.Replace("\r\n", "\n", StringComparison.Ordinal) ?? string.Empty;
}
