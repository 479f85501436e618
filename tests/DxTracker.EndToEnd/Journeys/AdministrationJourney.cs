using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>An administrator sets up a new colleague; the colleague signs in and must choose a password.</summary>
[Collection(AppServerGroup.Name)]
public sealed class AdministrationJourney(AppServer app)
{
    [Fact]
    public async Task Admin_adds_a_department_and_a_user_who_then_changes_the_temporary_password()
    {
        var admin = await app.NewPageAsync();
        await Pages.SignInAsync(admin, "admin", DemoData.Password);
        await admin.GotoAsync("/admin");
        await Pages.AssertAccessibleAsync(admin);

        await admin.GetByRole(AriaRole.Link, new() { Name = "部署" }).ClickAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByLabel("部署コード").FillAsync("E2E01");
        await admin.GetByLabel("部署名").FillAsync("スマートシティ推進室");
        await admin.GetByLabel("よみがな").FillAsync("すまーとしてぃすいしんしつ");
        await admin.GetByLabel("表示順").FillAsync("１５");
        await admin.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("部署を追加しました。")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(admin, "20-admin-departments");
        await admin.GetByRole(AriaRole.Link, new() { Name = "編集（スマートシティ推進室）" }).ClickAsync();
        await Pages.AssertAccessibleAsync(admin);

        await admin.GotoAsync("/admin/users/new");
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByLabel("ユーザーID").FillAsync("smart01");
        await admin.GetByLabel("氏名").FillAsync("街 未来");
        await admin.GetByLabel("仮パスワード").FillAsync("first-temp-2026");
        await admin.GetByLabel("スマートシティ推進室").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("ユーザーを作成しました。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "21-admin-users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "編集（smart01）" }).ClickAsync();
        await Pages.AssertAccessibleAsync(admin);

        var colleague = await app.NewPageAsync();
        await Pages.SignInAsync(colleague, "smart01", "first-temp-2026");
        await Assertions.Expect(colleague.GetByRole(AriaRole.Heading, new() { Name = "パスワードの変更" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(colleague);
        await colleague.Locator("#current").FillAsync("first-temp-2026");
        await colleague.Locator("#new").FillAsync("my-new-pass-42");
        await colleague.Locator("#confirm").FillAsync("my-new-pass-42");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "変更する" }).ClickAsync();
        await Assertions.Expect(colleague.GetByText("パスワードを変更しました。")).ToBeVisibleAsync();
        await colleague.GotoAsync("/");
        await Assertions.Expect(colleague.GetByText("街 未来 さん").First).ToBeVisibleAsync();
    }
}
