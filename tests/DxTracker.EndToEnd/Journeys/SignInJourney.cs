using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

[Collection(AppServerGroup.Name)]
public sealed class SignInJourney(AppServer app)
{
    [Fact]
    public async Task Reviewer_signs_in_sees_the_start_page_and_signs_out()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "01-login");

        await Pages.SignInAsync(page, "reviewer", DemoData.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ホーム", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("推進 花子 さん").First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "02-start-page");

        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await Assertions.Expect(page.GetByText("ログアウトしました。")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_accessibly()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("ユーザーID").FillAsync("editor");
        await page.GetByLabel("パスワード").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ユーザーIDまたはパスワードが正しくありません。");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "03-login-error");
    }

    [Fact]
    public async Task Signing_in_and_out_works_with_JavaScript_switched_off()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);

        await Pages.SignInAsync(page, "viewer", DemoData.Password);
        await Assertions.Expect(page.GetByText("閲覧 三郎 さん").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await Assertions.Expect(page.GetByText("ログアウトしました。")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_content()
    {
        var page = await app.NewPageAsync();
        await Pages.SignInAsync(page, "editor", DemoData.Password);

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        Assert.Equal("本文へ移動", focused);
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main-content", page.Url, StringComparison.Ordinal);
    }
}
