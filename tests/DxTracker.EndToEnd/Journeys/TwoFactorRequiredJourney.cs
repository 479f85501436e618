using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// With two-factor sign-in required for administrators and the office (the production default), the administrator's
/// first sign-in leads to its set-up, and nothing else opens until it is on.
/// </summary>
[Collection(TwoFactorRequiredServer.Name)]
public sealed class TwoFactorRequiredJourney(TwoFactorRequiredServer app)
{
    [Fact]
    public async Task The_administrator_sets_up_two_factor_before_the_first_page()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("ユーザーID").FillAsync("admin");
        await page.GetByLabel("パスワード").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2段階認証の設定", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/account/two-factor/required", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("管理者、デジタル推進課の利用者は、2段階認証を設定しないと利用を始められません。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "認証アプリに登録するための QR コード" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "46-two-factor-required");

        // Another address leads back here.
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2段階認証の設定", Level = 1 })).ToBeVisibleAsync();

        await TwoFactorJourney.RegisterAuthenticatorAsync(page, wrongCode: "１２３４５６");
        await Assertions.Expect(page.GetByText("2段階認証を設定しました。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "リカバリーコード（10 個）" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "47-two-factor-required-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "保管しました。利用を始める" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム", Level = 1 })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(page);
        await page.GotoAsync("/account/two-factor");
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByText("この役割の利用者は2段階認証が必須のため、自分では解除できません。", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "2段階認証を解除する" })).ToHaveCountAsync(0);
        await Pages.AssertAccessibleAsync(page);
    }
}

/// <summary>A server of its own where two-factor sign-in is required for administrators and the office.</summary>
public sealed class TwoFactorRequiredServer : AppServer
{
    public const string Name = "two-factor-required";

    protected override void Configure(Dictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings[TwoFactorPolicy.SettingName] = "Admin,Reviewer";
    }
}

[CollectionDefinition(TwoFactorRequiredServer.Name)]
public sealed class TwoFactorRequiredServerGroup : ICollectionFixture<TwoFactorRequiredServer>
{
}
