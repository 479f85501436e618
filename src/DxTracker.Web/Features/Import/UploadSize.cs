using System.Globalization;

namespace DxTracker.Web.Features.Import;

/// <summary>The size limit of an uploaded file in the words every import uses: the pages, the command and the readers.</summary>
internal static class UploadSize
{
    /// <summary>The limit as people read it: <c>10 MB</c>.</summary>
    public static string Megabytes(int maxBytes) => string.Create(CultureInfo.InvariantCulture, $"{maxBytes / 1024 / 1024} MB");

    /// <summary>ファイルが大きすぎます（12.3 MB）。10 MB 以下のファイルにしてください。</summary>
    public static string TooLarge(long length, int maxBytes) => $"{Measured(length)}{Megabytes(maxBytes)} 以下のファイルにしてください。";

    /// <summary>The same said on a form, where the user chooses another file.</summary>
    public static string TooLargeToChoose(long length, int maxBytes) => $"{Measured(length)}{Megabytes(maxBytes)} 以下のファイルを選んでください。";

    /// <summary>
    /// What the form says as soon as such a file is chosen (the file's name goes in for <c>{name}</c>).
    /// </summary>
    public static string TooLargeWhenChosen(int maxBytes) => $"「{{name}}」は大きすぎます。{Megabytes(maxBytes)} 以下のファイルを選んでください。";

    private static string Measured(long length) => string.Create(CultureInfo.InvariantCulture, $"ファイルが大きすぎます（{length / 1024.0 / 1024.0:0.0} MB）。");
}
