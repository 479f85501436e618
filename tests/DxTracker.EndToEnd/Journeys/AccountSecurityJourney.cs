using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// A user signed in on two PCs ends the other session from the account page; the administrator reads the security log.
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class AccountSecurityJourney(AppServer app)
{
    [Fact]
    public async Task A_user_ends_the_session_on_another_PC_and_the_administrator_sees_it_in_the_security_log()
    {
        var shared = await app.NewPageAsync();
        await Pages.SignInAsync(shared, "editor2", DemoData.Password);
        var own = await app.NewPageAsync();
        await Pages.SignInAsync(own, "editor2", DemoData.Password);

        await Pages.WaitForCircuitAsync(own);
        await Assertions.Expect(own.GetByRole(AriaRole.Link, new() { Name = "アカウント（ログイン中： 住宅 次郎 さん ）" })).ToHaveAttributeAsync("href", "/account");
        await own.GotoAsync("/account");
        await Assertions.Expect(own.GetByRole(AriaRole.Heading, new() { Name = "アカウント", Level = 1 })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(own);
        await Assertions.Expect(own.GetByText("この端末", new() { Exact = true })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(own);
        await Pages.ScreenshotAsync(own, "40-account-sessions");

        await own.GetByRole(AriaRole.Button, new() { Name = "終了する" }).First.ClickAsync();
        var dialog = own.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("のセッションを終了します。よろしいですか。");
        await own.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(own);
        await Pages.ScreenshotAsync(own, "41-account-end-session-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "終了する" }).ClickAsync();
        await Assertions.Expect(own.GetByText("セッションを終了しました。")).ToBeVisibleAsync();

        // The other PC is signed out at its next request.
        await shared.GotoAsync("/");
        Assert.Contains("/account/login", shared.Url, StringComparison.Ordinal);
        await own.GotoAsync("/");
        await Assertions.Expect(own.GetByRole(AriaRole.Heading, new() { Name = "ホーム", Level = 1 })).ToBeVisibleAsync();

        var admin = await app.NewPageAsync();
        await Pages.SignInToAsync(admin, "admin", DemoData.Password, "/admin/users");
        await Pages.WaitForCircuitAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "editor2", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "ログイン中の端末" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "利用中" }).First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "すべてのセッションを終了する" }).ClickAsync();
        var endAll = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(endAll).ToContainTextAsync("のログインをすべて終了します。");
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await endAll.GetByRole(AriaRole.Button, new() { Name = "やめる" }).ClickAsync();
        await Assertions.Expect(endAll).ToBeHiddenAsync();

        await admin.GotoAsync("/admin/security");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "セキュリティログ", Level = 1 })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(admin);
        await admin.GetByLabel("ユーザーID").FillAsync("editor2");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "セッションの終了" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "42-admin-security-log");
        await admin.Locator("div.mud-select").Filter(new() { Has = admin.Locator("#security-action") }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Option, new() { Name = "ログイン失敗" })).ToBeVisibleAsync();
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Option, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "ログイン", Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "セッションの終了" })).ToHaveCountAsync(0);
    }
}
