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
        // The start page is interactive: the circuit renders it afresh, so the keyboard starts once that is done.
        await Pages.WaitForCircuitAsync(page);

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        Assert.Equal("本文へ移動", focused);
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main-content", page.Url, StringComparison.Ordinal);
    }
}

[Collection(AppServerGroup.Name)]
public sealed class LookJourney(AppServer app)
{
    [Fact]
    public async Task The_design_system_stylesheet_and_the_served_Japanese_font_are_applied()
    {
        var page = await app.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        page.RequestFailed += (_, request) => failed.Add($"{request.Failure} {request.Url}");
        page.Console += (_, message) => failed.Add(message.Text);
        await page.GotoAsync("/account/login");
        await page.EvaluateAsync("() => document.fonts.ready");

        Assert.Empty(failed);
        var fontFamily = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.Contains("Noto Sans JP", fontFamily, StringComparison.Ordinal);
        var buttonColor = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('button[type=submit]')).backgroundColor");
        Assert.Equal("rgb(0, 23, 193)", buttonColor);
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px \"Noto Sans JP\"', 'ログイン')"));
    }
}
