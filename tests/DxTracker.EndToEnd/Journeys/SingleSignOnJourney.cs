using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// Signing in with the municipality's own account, in Chromium under the real CSP: DxTracker's sign-in page, the
/// provider's sign-in form (a real OpenID Connect provider, <see cref="TestOidcServer"/>), and back, signed in with the
/// roles DxTracker gives; a person DxTracker does not know is told so in Japanese.
/// </summary>
[Collection(SingleSignOnServer.Name)]
public sealed class SingleSignOnJourney(SingleSignOnServer app)
{
    [Fact]
    public async Task A_staff_member_signs_in_with_the_municipal_account_and_a_stranger_is_told_why_not()
    {
        var look = await app.NewPageAsync();
        await look.GotoAsync("/account/login");
        await Assertions.Expect(look.GetByRole(AriaRole.Button, new() { Name = "庁内アカウントでログイン" })).ToBeVisibleAsync();
        await Assertions.Expect(look.GetByRole(AriaRole.Heading, new() { Name = "ユーザーIDとパスワードでログイン" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(look);
        await Pages.ScreenshotAsync(look, "51-sign-in-with-sso");

        // Under the app's own CSP: its form-action must let the sign-in post go on to the provider.
        var page = await app.NewPageAsync(bypassCsp: false);
        await page.GotoAsync("/account/login?ReturnUrl=%2Fplans");
        await page.GetByRole(AriaRole.Button, new() { Name = "庁内アカウントでログイン" }).ClickAsync();
        await SignInAtProviderAsync(page, "editor");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "計画一覧", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/plans", page.Url, StringComparison.Ordinal);
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".site-user")).ToContainTextAsync("総務 一郎");
        await Pages.ScreenshotAsync(page, "52-signed-in-with-sso");

        var stranger = await app.NewPageAsync();
        await stranger.GotoAsync("/account/login");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "庁内アカウントでログイン" }).ClickAsync();
        await SignInAtProviderAsync(stranger, "stranger");
        await Assertions.Expect(stranger.GetByText("この庁内アカウントに対応する、有効な DxTracker のユーザーがありません。")).ToBeVisibleAsync();
        Assert.Contains("/account/login?sso=refused", stranger.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(stranger);
        await Pages.ScreenshotAsync(stranger, "53-sso-refused");
    }

    private static async Task SignInAtProviderAsync(IPage page, string userName)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "庁内アカウントでサインイン" })).ToBeVisibleAsync();
        await page.GetByLabel("ユーザー名").FillAsync(userName);
        await page.GetByLabel("パスワード").FillAsync(SingleSignOnServer.ProviderPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
    }
}

/// <summary>A server of its own with single sign-on through a test OpenID Connect provider started beside it.</summary>
public sealed class SingleSignOnServer : AppServer
{
    public const string Name = "single-sign-on";

    public const string ProviderPassword = "provider-side-password";

    private TestOidcServer? provider;

    public override async Task InitializeAsync()
    {
        provider = await TestOidcServer.StartAsync(
            new TestOidcUser("1001", "editor", ProviderPassword),
            new TestOidcUser("1002", "stranger", ProviderPassword));
        await base.InitializeAsync();
        await provider.RegisterClientAsync(BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in provider!.Settings())
        {
            settings[key] = value;
        }
    }
}

[CollectionDefinition(SingleSignOnServer.Name)]
public sealed class SingleSignOnServerGroup : ICollectionFixture<SingleSignOnServer>
{
}
