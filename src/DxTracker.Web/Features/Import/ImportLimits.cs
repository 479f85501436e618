using System.Globalization;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// The largest plan file accepted, by the import page and the command line alike: <c>Import:MaxFileMegabytes</c>
/// (64 by default, which admits a 5,000-item plan with eight years of KPI values, about 48 MB).
/// </summary>
public sealed class ImportLimits
{
    public const string MegabytesKey = "Import:MaxFileMegabytes";

    public const int DefaultMegabytes = 64;

    /// <summary>More than this would not fit the upload in memory safely (the file is read whole, then parsed).</summary>
    public const int MostMegabytes = 512;

    public static readonly ImportLimits Default = new(DefaultMegabytes);

    public ImportLimits(int megabytes)
    {
        if (megabytes is < 1 or > MostMegabytes)
        {
            throw Invalid(megabytes.ToString(CultureInfo.InvariantCulture));
        }
        MaxFileBytes = megabytes * 1024 * 1024;
    }

    public int MaxFileBytes { get; }

    public static ImportLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[MegabytesKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes)
            ? new ImportLimits(megabytes)
            : throw Invalid(value);
    }

    private static InvalidOperationException Invalid(string value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"設定 {MegabytesKey} は 1 から {MostMegabytes} までの整数（MB）で指定してください（指定された値: {value}）。"));
}
