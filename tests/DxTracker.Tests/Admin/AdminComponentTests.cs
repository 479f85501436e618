using Bunit;
using DxTracker.Tests.Components;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Components;
using DxTracker.Web.Features.Admin.Departments;
using DxTracker.Web.Features.Admin.Users;
using DxTracker.Web.Features.Import;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DxTracker.Tests.Admin;

/// <summary>
/// The interactive administration pages in bUnit, with the real handlers (acting as the demo administrator) on a real
/// database: what the user sees at the field, in the dialog and on choosing a file.
/// </summary>
public sealed class AdminComponentTests : MudComponentTest, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture database;
    private DxWebApplicationFactory factory = null!;
    private HandlerScope admin = null!;

    public AdminComponentTests(DatabaseFixture database)
    {
        this.database = database;
    }

    private async Task SignInAsAdminAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        _ = factory.Server;
        admin = await HandlerScope.ForAsync(factory.Services, "admin");
        Services.AddFallbackServiceProvider(admin.Services);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (factory is not null)
        {
            await admin.DisposeAsync();
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_as_soon_as_it_is_chosen_and_nothing_is_read()
    {
        var chosen = new List<ChosenFile?>();
        var cut = Render<FileChoice>(p => p
            .Add(c => c.Id, "file").Add(c => c.Label, "取り込むファイル（JSON）").Add(c => c.Help, "JSON ファイル").Add(c => c.Accept, ".json")
            .Add(c => c.MaxBytes, ImportLimits.Default.MaxFileBytes).Add(c => c.Chosen, EventCallback.Factory.Create<ChosenFile?>(this, chosen.Add)));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[ImportLimits.Default.MaxFileBytes + 1], "too-large.json"));

        await cut.WaitForAssertionAsync(() => Assert.Equal("「too-large.json」は大きすぎます。64 MB 以下のファイルを選んでください。", cut.Find("#file-error").TextContent));
        Assert.Null(Assert.Single(chosen));
        Assert.Equal("true", cut.Find("#file").GetAttribute("aria-invalid"));
        Assert.Contains("file-error", cut.Find("#file").GetAttribute("aria-describedby"), StringComparison.Ordinal);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{}", "plan.json"));

        await cut.WaitForAssertionAsync(() => Assert.Equal("plan.json", chosen[^1]?.Name));
        Assert.True(cut.Find("#file-error").HasAttribute("hidden"));
        Assert.Contains("選んだファイル：plan.json", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused_at_the_field()
    {
        var cut = Render<FileChoice>(p => p
            .Add(c => c.Id, "file").Add(c => c.Label, "取り込むファイル（Excel）").Add(c => c.Help, "xlsx").Add(c => c.Accept, ".xlsx").Add(c => c.MaxBytes, 1024 * 1024));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([], "empty.xlsx"));

        await cut.WaitForAssertionAsync(() => Assert.Equal("選んだファイルは空です。", cut.Find("#file-error").TextContent));
    }

    [Fact]
    public async Task A_display_order_that_is_not_a_number_is_shown_at_its_field_and_nothing_is_added()
    {
        await SignInAsAdminAsync();
        var cut = Render<DepartmentList>();
        await cut.WaitForAssertionAsync(() => Assert.Contains("総務課", cut.Markup, StringComparison.Ordinal));

        cut.Find("#code").Change("X002");
        cut.Find("#name").Change("新設課");
        cut.Find("#order").Change("十");
        cut.Find("#order").Blur(new FocusEventArgs());
        await cut.Find("#order").Closest("form")!.SubmitAsync(EventArgs.Empty);

        await cut.WaitForAssertionAsync(() => Assert.Contains("表示順は整数で入力してください（「十」は読み取れません）。", cut.Find(".mud-input-error").TextContent, StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.False(await db.Departments.AnyAsync(d => d.Name == "新設課"));
    }

    [Fact]
    public async Task A_name_with_a_NUL_or_a_broken_character_is_refused_at_its_field_and_nothing_is_added()
    {
        await SignInAsAdminAsync();
        var departments = Render<DepartmentList>();
        await departments.WaitForAssertionAsync(() => Assert.Contains("総務課", departments.Markup, StringComparison.Ordinal));
        departments.Find("#code").Change("X003");
        departments.Find("#name").Change("新設\0課");
        await departments.Find("#name").Closest("form")!.SubmitAsync(EventArgs.Empty);
        await departments.WaitForAssertionAsync(() => Assert.Contains(PlainTextAttribute.Message, departments.Find(".mud-input-error").TextContent, StringComparison.Ordinal));

        var user = Render<NewUser>();
        user.Find("#display-name").Change("壊れた\uDC00文字");
        await user.Find("form").SubmitAsync(EventArgs.Empty);
        await user.WaitForAssertionAsync(() => Assert.Contains(PlainTextAttribute.Message, user.Markup, StringComparison.Ordinal));

        await using var db = database.CreateContext();
        Assert.False(await db.Departments.AnyAsync(d => d.Code == "X003"));
        Assert.False(await db.Users.AnyAsync(u => u.DisplayName.StartsWith("壊れた")));
    }

    [Fact]
    public async Task An_empty_new_user_form_shows_every_problem_at_once_and_creates_nobody()
    {
        await SignInAsAdminAsync();
        var cut = Render<NewUser>();
        await using var db = database.CreateContext();
        var users = await db.Users.CountAsync();

        await cut.Find("form").SubmitAsync(EventArgs.Empty);

        // The text fields' messages and the choice of departments together: the editor role needs a department.
        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains("ユーザーIDを入力してください。", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("氏名を入力してください。", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("担当課職員には所属部署を1つ以上選んでください。", cut.Markup, StringComparison.Ordinal);
        });
        Assert.Equal(users, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Deactivating_a_user_asks_first_and_cancelling_changes_nothing()
    {
        await SignInAsAdminAsync();
        string viewerId;
        await using (var db = database.CreateContext())
        {
            viewerId = (await db.Users.SingleAsync(u => u.UserName == "viewer")).Id;
        }
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<EditUser>(p => p.Add(c => c.Id, viewerId));
        await cut.WaitForAssertionAsync(() => Assert.Contains("ユーザーの編集：viewer", cut.Markup, StringComparison.Ordinal));

        // Found and clicked on the renderer's dispatcher: the page re-renders when a dialog closes, and a button found
        // before that has a stale handler (seen once in CI).
        _ = cut.InvokeAsync(() => Button(cut, "無効にする").ClickAsync(new MouseEventArgs()));

        await dialogs.WaitForAssertionAsync(() => Assert.Contains("ログインできなくなり、開いている画面も数分以内に使えなくなります。", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        await Button(dialogs, "やめる").ClickAsync(new MouseEventArgs());
        await dialogs.WaitForAssertionAsync(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.True(await IsActiveAsync(viewerId));

        _ = cut.InvokeAsync(() => Button(cut, "無効にする").ClickAsync(new MouseEventArgs()));
        await dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        await Button(dialogs, "無効にする").ClickAsync(new MouseEventArgs());

        await cut.WaitForAssertionAsync(() => Assert.Contains("有効にすると、再びログインできるようになります。", cut.Markup, StringComparison.Ordinal));
        Assert.False(await IsActiveAsync(viewerId));
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> cut, string text) where T : IComponent =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text);

    private async Task<bool> IsActiveAsync(string userId)
    {
        await using var db = database.CreateContext();
        return (await db.Users.SingleAsync(u => u.Id == userId)).IsActive;
    }
}
