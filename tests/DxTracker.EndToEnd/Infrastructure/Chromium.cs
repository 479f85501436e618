using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright; pages as a Japanese user at 1366×768 sees them.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>
    /// A new browser context (its own cookies) on <paramref name="baseAddress"/>. Scripts are on for axe; CSP is bypassed
    /// only so axe can be injected (pass <paramref name="bypassCsp"/> false to test under the real policy).
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool javaScriptEnabled = true, bool bypassCsp = true)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            BypassCSP = javaScriptEnabled && bypassCsp,
            JavaScriptEnabled = javaScriptEnabled,
        });
        // Generous: a 2-core CI machine building and testing at once can be slow, and a timeout is not a finding.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }

    private static string ExecutablePath()
    {
        var configured = Environment.GetEnvironmentVariable("DXTRACKER_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Chromium not found: install Debian's chromium package (scripts/test.sh does) or set DXTRACKER_CHROMIUM.");
    }
}
