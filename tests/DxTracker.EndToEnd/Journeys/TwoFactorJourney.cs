using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>A user turns on two-factor sign-in with an authenticator app and signs in with its code.</summary>
[Collection(AppServerGroup.Name)]
public sealed class TwoFactorJourney(AppServer app)
{
    private const string Password = "lantern-harbour-2027";

    [Fact]
    public async Task A_user_registers_the_authenticator_app_keeps_the_recovery_codes_and_signs_in_with_a_code()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = "totp-e2e", DisplayName = "認証 花子" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Viewer);
        }
        var page = await app.NewPageAsync();
        await Pages.SignInToAsync(page, "totp-e2e", Password, "/account/two-factor");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2段階認証", Level = 1 })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "認証アプリに登録するための QR コード" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "43-two-factor-setup");

        var key = await RegisterAuthenticatorAsync(page, wrongCode: "12345");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "リカバリーコード" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "リカバリーコード（10 個）" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "44-two-factor-recovery-codes");
        await page.GetByRole(AriaRole.Button, new() { Name = "保管しました" }).ClickAsync();
        await Assertions.Expect(page.GetByText("残りのリカバリーコード：10 個")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "2段階認証を解除する" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("ログインはパスワードだけになります。");
        await page.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "やめる" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var again = await app.NewPageAsync();
        await again.GotoAsync("/account/login");
        await again.GetByLabel("ユーザーID").FillAsync("totp-e2e");
        await again.GetByLabel("パスワード").FillAsync(Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "確認コードの入力", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(again);
        await Pages.ScreenshotAsync(again, "45-two-factor-sign-in");
        await again.GetByLabel("確認コード").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await again.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "ホーム", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(again.GetByText("認証 花子 さん").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// On a set-up page: a wrong code is refused at the field (checked with axe), then the code computed from the key on
    /// the page is entered, as the app on a phone would show it; the key is returned.
    /// </summary>
    internal static async Task<string> RegisterAuthenticatorAsync(IPage page, string wrongCode)
    {
        await page.GetByLabel("確認コード").FillAsync(wrongCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "設定する" }).ClickAsync();
        await Assertions.Expect(page.GetByText("確認コードが正しくありません。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        await page.GetByLabel("確認コード").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "設定する" }).ClickAsync();
        return key;
    }
}
