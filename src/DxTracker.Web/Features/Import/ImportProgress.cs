using System.Globalization;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// Where an import (or its preview) is: reading the file, loading what the database holds of the plan, applying the
/// items (<see cref="Done"/> of <see cref="Total"/>), saving. The import page shows it as a progress bar; the command
/// line prints it.
/// </summary>
public sealed record ImportProgress(ImportStep Step, int Done, int Total)
{
    public static readonly ImportProgress Reading = new(ImportStep.Reading, 0, 0);

    public static readonly ImportProgress Loading = new(ImportStep.Loading, 0, 0);

    public static readonly ImportProgress Saving = new(ImportStep.Saving, 0, 0);

    public static ImportProgress Applying(int done, int total) => new(ImportStep.Applying, done, total);

    /// <summary>The share of the whole, 0–100: reading and loading are the first tenth, the items up to 80, saving the rest.</summary>
    public int Percent => Step switch
    {
        ImportStep.Reading => 0,
        ImportStep.Loading => 10,
        ImportStep.Applying => Total == 0 ? 10 : 10 + (70 * Done / Total),
        _ => 80,
    };

    /// <summary>「項目を反映しています（1,200 / 5,000 件）」.</summary>
    public string Text => Step switch
    {
        ImportStep.Reading => "ファイルを読み取り、確認しています",
        ImportStep.Loading => "登録済みの計画を読み込んでいます",
        ImportStep.Applying => string.Create(CultureInfo.InvariantCulture, $"項目を反映しています（{Done:N0} / {Total:N0} 件）"),
        _ => "データベースに保存しています",
    };
}

public enum ImportStep
{
    Reading,
    Loading,
    Applying,
    Saving,
}
