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
        await Pages.WaitForCircuitAsync(admin);
        await Pages.AssertAccessibleAsync(admin);

        await admin.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "部署" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "部署管理", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByLabel("部署コード").FillAsync("E2E01");
        await admin.Locator("#name").FillAsync("スマートシティ推進室");
        await admin.Locator("#reading").FillAsync("すまーとしてぃすいしんしつ");
        await admin.Locator("#order").FillAsync("十五");
        await admin.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("表示順は整数で入力してください（「十五」は読み取れません）。")).ToBeVisibleAsync();
        await admin.Locator("#order").FillAsync("１５");
        await admin.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("部署を追加しました。")).ToBeVisibleAsync();
        await admin.GetByLabel("キーワードで絞り込む").FillAsync("すまーと");
        await Assertions.Expect(admin.GetByText("1 部署を表示しています")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "20-admin-departments");

        await admin.GetByRole(AriaRole.Link, new() { Name = "スマートシティ推進室", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "部署の編集：スマートシティ推進室" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.Locator("div.mud-select").Filter(new() { Has = admin.Locator("#merge-target") }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Option, new() { Name = "総務課", Exact = true })).ToBeVisibleAsync();
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Option, new() { Name = "総務課", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "統合する" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("「スマートシティ推進室」を令和8年度から「総務課」に統合します。");
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "22-admin-department-merge-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "やめる" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await admin.GetByLabel("新しい名称").FillAsync("スマートシティ推進課");
        await admin.GetByLabel("変更する年度").FillAsync("令和7年度");
        await admin.GetByRole(AriaRole.Button, new() { Name = "名称を変更する" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("令和7年度から「スマートシティ推進課」に変更します。");
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "名称を変更する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("名称を変更しました。")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("旧名称：スマートシティ推進室（令和6年度まで）")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(admin, "23-admin-department-edit");

        await admin.GotoAsync("/admin/users/new");
        await Pages.WaitForCircuitAsync(admin);
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("ユーザーIDを入力してください。")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("担当課職員には所属部署を1つ以上選んでください。")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "24-admin-new-user-invalid");
        await admin.GetByLabel("ユーザーID").FillAsync("smart01");
        await admin.GetByLabel("氏名").FillAsync("街 未来");
        await admin.GetByLabel("仮パスワード").FillAsync("first-temp-2026");
        await admin.GetByLabel("所属部署を絞り込む").FillAsync("スマート");
        await Assertions.Expect(admin.GetByLabel("総務課")).ToHaveCountAsync(0);
        await admin.GetByLabel("スマートシティ推進課").CheckAsync();
        await Assertions.Expect(admin.Locator(".mud-chip")).ToContainTextAsync("スマートシティ推進課");
        await admin.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("ユーザーを作成しました。")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "ユーザー管理", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByLabel("キーワードで絞り込む").FillAsync("スマート");
        await Assertions.Expect(admin.GetByText("1 人を表示しています")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "21-admin-users");

        await admin.GetByRole(AriaRole.Link, new() { Name = "smart01", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "ユーザーの編集：smart01" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "無効にする" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("「smart01」（街 未来）を無効にします。");
        await admin.WaitForTimeoutAsync(800);
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "25-admin-user-deactivate-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "やめる" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Pages.ScreenshotAsync(admin, "26-admin-user-edit");

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
