using System.Net;
using System.Net.Http.Headers;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Import;

/// <summary>/admin and /admin/import: the pages over HTTP, the import through its handler as the page calls it; and the demo plan behind them.</summary>
public sealed class ImportPageTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        // The size limit is a setting (Import:MaxFileMegabytes): set low here, so that the page and the handler are seen to use it.
        factory = new DxWebApplicationFactory(database.ConnectionString) { Settings = { [ImportLimits.MegabytesKey] = "3" } };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_admin_sees_the_admin_page_linking_to_the_import_page()
    {
        var client = await SignedInAsync("admin");

        var admin = await client.GetStringAsync("/admin");
        var page = await client.GetStringAsync("/admin/import");

        Assert.Contains("<a href=\"/admin/import\">計画の取り込み</a>", admin, StringComparison.Ordinal);
        Assert.Contains("取り込むファイル（JSON）", page, StringComparison.Ordinal);
        Assert.Contains("3 MB まで", page, StringComparison.Ordinal);
        Assert.Contains("内容を確認する", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Anyone_but_an_admin_gets_403_for_the_pages_and_the_upload(string userName)
    {
        var client = await SignedInAsync(userName);
        var token = await FormPost.AntiforgeryTokenAsync(client, "/");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/import")).StatusCode);
        var upload = await PostAsync(client, token, ImportTestData.Fixture("suita-whole-plan.json"));
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        await using (var scope = await HandlerScope.ForAsync(factory.Services, userName))
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<PlanFileImport>().ImportAsync(ImportTestData.Fixture("suita-whole-plan.json"), "suita.json"));
        }
        await using var db = database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "吹田市"));
    }

    [Fact]
    public async Task An_uploaded_plan_is_previewed_without_writing_then_imported_by_the_admin()
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        var importer = scope.Get<PlanFileImport>();
        var content = ImportTestData.Fixture("suita-whole-plan.json");

        var preview = await importer.PreviewAsync(content, "suita.json");
        Assert.Contains("アクションプラン: 作成 8件、更新 0件", preview.Summary!.Details);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "吹田市"));
        }

        var result = await importer.ImportAsync(content, "suita.json");

        var summary = result.Summary!;
        Assert.StartsWith("吹田市「吹田市第4期情報化推進計画」を新しく取り込みました（作成 ", summary.Headline, StringComparison.Ordinal);
        Assert.Contains("アクションプラン: 作成 8件、更新 0件", summary.Details);
        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.SingleAsync(p => p.Municipality == "吹田市");
            Assert.Equal("admin", (await db.AuditEntries.FirstAsync(a => a.PlanId == plan.Id && a.EntityType == nameof(Plan))).UserName);
        }

        var again = await importer.ImportAsync(content, "suita.json");
        Assert.Contains("変更はありませんでした", again.Summary!.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_shows_every_problem_in_Japanese_and_changes_nothing()
    {
        var json = ImportTestData.TokushimaNode();
        json["fiscalYear"] = 2030;
        json["policies"]![0]!["items"]![0]!["kpis"]![0]!["target"] = "たくさん";
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.CountAsync();
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");

        var result = await scope.Get<PlanFileImport>().PreviewAsync(ImportTestData.Bytes(json), "tokushima-broken.json");

        Assert.Null(result.Summary);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Path == "$.fiscalYear" && p.Message.Contains("実績の年度の令和12年度は計画期間（令和元年度～令和8年度）の外です。", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Path == "$.policies[0].items[0].kpis[0].target" && p.Message.Contains("「たくさん」は数値として読み取れません。", StringComparison.Ordinal));
        Assert.Equal(2, (await scope.Get<PlanFileImport>().ImportAsync(ImportTestData.Bytes(json), "tokushima-broken.json")).Problems.Count);
        Assert.Equal(audit, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_by_the_handler_too()
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");

        var result = await scope.Get<PlanFileImport>().ImportAsync(new byte[(3 * 1024 * 1024) + 1024], "large.json");

        Assert.StartsWith("ファイルが大きすぎます（3.0 MB）。3 MB 以下のファイルにしてください。", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_rejected()
    {
        var client = await SignedInAsync("admin");
        using var form = new MultipartFormDataContent { { new StringContent("import"), "_handler" }, { new ByteArrayContent(ImportTestData.Fixture("suita-whole-plan.json")), "file", "suita.json" } };

        var response = await client.PostAsync("/admin/import", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_demo_plan_has_the_published_year_closed_the_next_open_and_the_demo_users_departments()
    {
        _ = factory.Server;
        await using var db = database.CreateContext();

        var plan = await db.Plans.Include(p => p.Years).SingleAsync(p => p.Name == DemoData.PlanName);
        Assert.Equal([(2020, PlanYearState.Closed, (DateOnly?)null), (2021, PlanYearState.Open, new DateOnly(2022, 5, 31))],
            plan.Years.OrderBy(y => y.FiscalYear).Select(y => (y.FiscalYear, y.State, y.EntryDeadline)));
        Assert.StartsWith("全27の取組項目中、合わせて67%に当たる18の取組項目が", plan.Years.Single(y => y.FiscalYear == 2020).Conclusion, StringComparison.Ordinal);
        Assert.Equal(27, await db.Evaluations.CountAsync(e => e.PlanId == plan.Id && e.FiscalYear == 2020));
        Assert.Equal(0, await db.Evaluations.CountAsync(e => e.PlanId == plan.Id && e.FiscalYear == 2021));

        var userDepartments = await db.UserDepartments
            .Join(db.Users, ud => ud.UserId, u => u.Id, (ud, u) => new { u.UserName, ud.DepartmentId })
            .ToDictionaryAsync(x => x.UserName!, x => x.DepartmentId);
        var itemDepartments = await db.ItemDepartments
            .Join(db.ActionItems.Where(i => i.PlanId == plan.Id), d => d.ItemId, i => i.Id, (d, i) => new { i.Number, d.DepartmentId })
            .ToListAsync();
        Assert.Contains(itemDepartments, d => d.Number == "10" && d.DepartmentId == userDepartments["editor"]);
        Assert.Contains(itemDepartments, d => d.Number == "2" && d.DepartmentId == userDepartments["editor2"]);
        Assert.Contains(itemDepartments, d => d.Number == "17" && d.DepartmentId == userDepartments["reviewer"]);
        var digital = await db.Departments.Include(d => d.FormerNames).SingleAsync(d => d.Id == userDepartments["reviewer"]);
        Assert.Equal(("D010", "デジタル推進課（情報推進課）"), (digital.Code, digital.ReportNameFor(new FiscalYear(2020))));
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, userName, DemoData.Password)).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, byte[] content, string fileName = "plan.json")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("import"), "_handler" },
            { file, "file", fileName },
        };
        return await client.PostAsync("/admin/import", form);
    }
}
