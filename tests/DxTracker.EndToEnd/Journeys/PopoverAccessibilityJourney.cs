using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// axe on the open state of the popovers and dialogs that the other journeys pass by without opening: every select
/// of the plan page, the date picker of a plan's revisions, the destination of the workbook import and the
/// confirmation of a temporary password. Each is opened with the keyboard or the mouse as a user would, checked
/// while open, then closed without changing anything.
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class PopoverAccessibilityJourney(AppServer app)
{
    [Fact]
    public async Task Every_select_picker_and_confirmation_passes_axe_while_open()
    {
        int planId;
        string editorId;
        await using (var db = TestDatabase.CreateAuditedContext(app.ConnectionString, "setup"))
        {
            planId = await db.Plans.Where(p => p.Municipality == DemoData.Municipality).Select(p => p.Id).FirstAsync();
            editorId = await db.Users.Where(u => u.UserName == "editor").Select(u => u.Id).SingleAsync();
        }
        var admin = await app.NewPageAsync();
        await Pages.SignInToAsync(admin, "admin", DemoData.Password, $"/plans/{planId}");

        var selects = admin.GetByRole(AriaRole.Main).GetByRole(AriaRole.Combobox);
        // The filter panel renders with the rows: wait for it rather than count what the first paint has.
        await selects.Nth(5).WaitForAsync();
        var count = await selects.CountAsync();
        Assert.True(count >= 6, $"the plan page has {count} selects");
        for (var i = 0; i < count; i++)
        {
            var select = selects.Nth(i);
            if (await select.GetAttributeAsync("aria-haspopup") is null)
            {
                continue; // the keyword field is a search box, not a select
            }
            await select.ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
            await Pages.AssertAccessibleAsync(admin);
            await admin.Keyboard.PressAsync("Escape");
            await Assertions.Expect(admin.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        }

        await admin.GotoAsync($"/admin/plans/{planId}");
        await Pages.WaitForCircuitAsync(admin);
        var dateField = admin.Locator(".mud-input-control").Filter(new() { Has = admin.Locator("#revision-date") });
        await dateField.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-picker-calendar-content, .mud-picker-content").First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await Pages.ScreenshotAsync(admin, "45-plan-revision-date-picker");
        await admin.Keyboard.PressAsync("Escape");

        await admin.GotoAsync("/admin/plans/import-workbook");
        await Pages.WaitForCircuitAsync(admin);
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "取り込み先" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(admin);
        await admin.Keyboard.PressAsync("Escape");

        await admin.GotoAsync($"/admin/users/{editorId}");
        await Pages.WaitForCircuitAsync(admin);
        await admin.Locator("#temporary-password").FillAsync("temporary-2026-pass");
        await admin.GetByRole(AriaRole.Button, new() { Name = "仮パスワードを設定する" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("「editor」に仮パスワードを設定します。");
        await Pages.AssertAccessibleAsync(admin);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "やめる" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }
}
