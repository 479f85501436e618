using System.Diagnostics;

namespace DxTracker.EndToEnd.Reporting;

/// <summary>LibreOffice and poppler as independent readers of the workbooks the app writes.</summary>
public static class LibreOffice
{
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Prints a workbook to PDF next to it (a throw-away profile, so runs never share state); returns the PDF's path.</summary>
    public static async Task<string> ConvertToPdfAsync(string workbookPath)
    {
        var folder = Path.GetDirectoryName(workbookPath)!;
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync("soffice", ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--convert-to", "pdf", "--outdir", folder, workbookPath]);
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }

        var pdfPath = Path.ChangeExtension(workbookPath, ".pdf");
        Assert.True(File.Exists(pdfPath), "LibreOffice wrote no PDF.");
        return pdfPath;
    }

    /// <summary>Every page of a PDF as a PNG beside it (<c>{name}-1.png</c> …), for a person to look at.</summary>
    public static async Task<IReadOnlyList<string>> PagesToPngAsync(string pdfPath, int resolution = 60)
    {
        var prefix = Path.ChangeExtension(pdfPath, null);
        await RunAsync("pdftoppm", ["-png", "-r", resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), pdfPath, prefix]);
        return Directory.GetFiles(Path.GetDirectoryName(pdfPath)!, Path.GetFileName(prefix) + "-*.png").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The text of every page (pdftotext -layout), split at page breaks.</summary>
    public static async Task<IReadOnlyList<string>> PageTextsAsync(string pdfPath) =>
        (await RunAsync("pdftotext", ["-layout", pdfPath, "-"])).Split('\f', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Deletes what an earlier run left under the same name (<c>{name}.*</c>, <c>{name}-*.png</c>).</summary>
    public static void DeleteEarlierRun(string folder, string name)
    {
        foreach (var old in Directory.EnumerateFiles(folder, name + "*"))
        {
            File.Delete(old);
        }
    }

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ConversionTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {ConversionTimeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
