using System.Net;
using System.Net.Http.Headers;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin.Plans;

public sealed class WorkbookImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Page = "/admin/plans/import-workbook";
    private DxWebApplicationFactory factory = null!;
    private PlanAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await PlanAdminClient.SignInAsync(factory);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<HttpResponseMessage> PreviewAsync(byte[] workbook, string? planId, string municipality = "", string start = "", string end = "")
    {
        var token = await FormPost.AntiforgeryTokenAsync(admin.Http, Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("preview"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(planId ?? string.Empty), "planId" },
            { new StringContent(municipality), "municipality" },
            { new StringContent(start), "startYear" },
            { new StringContent(end), "endYear" },
        };
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "torikumi-jisseki-r2.xlsx");
        return await admin.Http.PostAsync(Page, form);
    }

    private Task<HttpResponseMessage> ConfirmAsync(byte[] workbook, string? planId, string municipality = "", string start = "", string end = "") =>
        admin.PostAsync(Page, "import", ("content", Convert.ToBase64String(workbook)), ("fileName", "torikumi-jisseki-r2.xlsx"),
            ("planId", planId ?? string.Empty), ("municipality", municipality), ("startYear", start), ("endYear", end));

    [Fact]
    public async Task Last_years_published_workbook_starts_a_plan_after_a_preview_and_a_second_import_changes_nothing()
    {
        var workbook = ResultsWorkbookReaderTests.Tokushima();

        var preview = await PreviewAsync(workbook, null, "鳴門市", "令和元年度", "令和8年度");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("取り込む内容の確認（まだ取り込んでいません）", html, StringComparison.Ordinal);
        Assert.Contains("新しい計画「徳島市情報化基本計画」（鳴門市）の令和2年度の実績として取り込むと、次のようになります。", html, StringComparison.Ordinal);
        Assert.Contains("<li>取組項目: 作成 27件、更新 0件</li>", html, StringComparison.Ordinal);
        Assert.Matches("<td>1</td>\\s*<td>オープンデータの推進</td>\\s*<td>新規</td>\\s*<td>新規</td>", html);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "鳴門市"));
        }

        var imported = await ConfirmAsync(workbook, null, "鳴門市", "令和元年度", "令和8年度");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var target = FormPost.RedirectTarget(imported);
        Assert.Matches("^/admin/plans/\\d+/items\\?done=imported$", target);
        var planId = PlanAdminClient.IdIn(target, "/admin/plans/");

        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Grades).Include(p => p.Years).SingleAsync(p => p.Id == planId);
            Assert.Equal(("鳴門市", "徳島市情報化基本計画", 2019, 2026), (plan.Municipality, plan.Name, plan.StartYear, plan.EndYear));
            Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
            var year = Assert.Single(plan.Years);
            Assert.Equal((2020, PlanYearState.Closed), (year.FiscalYear, year.State));
            Assert.StartsWith("全27の取組項目中、", year.Conclusion, StringComparison.Ordinal);
            Assert.Equal(27, await db.ActionItems.CountAsync(i => i.PlanId == planId));
            var ratings = await db.Evaluations.Where(e => e.PlanId == planId).GroupBy(e => e.SelfRating).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!, g => g.Count);
            Assert.Equal((3, 15, 9), (ratings["S"], ratings["A"], ratings["B"]));
            var kpi = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Name == "公開データセット数" && db.ActionItems.Any(i => i.Id == k.ItemId && i.PlanId == planId));
            Assert.Equal((160m, 83m), (kpi.Values.Single().PlannedValue!.Value, kpi.Values.Single().ActualValue!.Value));
        }

        var again = await (await PreviewAsync(workbook, PlanAdminClient.Id(planId))).Content.ReadAsStringAsync();
        Assert.Contains("データベースの内容はファイルと同じです。取り込んでも何も変わりません。", again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(workbook, PlanAdminClient.Id(planId))).StatusCode);
        await using var check = database.CreateContext();
        Assert.Equal(27, await check.ActionItems.CountAsync(i => i.PlanId == planId));
    }

    [Fact]
    public async Task Problems_are_reported_by_sheet_row_and_column_and_nothing_is_written()
    {
        var workbook = WorkbookEdits.SetText(ResultsWorkbookReaderTests.Tokushima(), "取組実績一覧", "E13", "Z");
        workbook = WorkbookEdits.SetText(workbook, "取組実績一覧", "C4", "(1) 拡充を図る。\n【目標】\n透明性の確保\n【公開データセット数：たくさん】");

        var response = await PreviewAsync(workbook, null, "小松島市", "2019", "2026");
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<td>取組実績一覧 シートの 13 行目 E 列</td>\n            <td>評価「Z」はこの計画の評価区分（S、A、B、C）にありません。</td>", html.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<td>取組実績一覧 シートの 4 行目 C 列</td>", html, StringComparison.Ordinal);
        Assert.Contains("「たくさん」は数値として読み取れません。", html, StringComparison.Ordinal);

        var confirm = await ConfirmAsync(workbook, null, "小松島市", "2019", "2026");
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        var noPeriod = await (await PreviewAsync(ResultsWorkbookReaderTests.Tokushima(), null, "小松島市")).Content.ReadAsStringAsync();
        Assert.Contains("計画期間の開始年度と終了年度を入力してください", noPeriod, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "小松島市"));
    }

    [Fact]
    public async Task A_closed_year_of_an_existing_plan_stays_as_published()
    {
        int demoPlan;
        await using (var db = database.CreateContext())
        {
            demoPlan = (await db.Plans.SingleAsync(p => p.Name == DemoData.PlanName && p.Municipality == DemoData.Municipality)).Id;
        }
        var same = await (await PreviewAsync(ResultsWorkbookReaderTests.Tokushima(), PlanAdminClient.Id(demoPlan))).Content.ReadAsStringAsync();
        Assert.Contains("取り込む内容の確認", same, StringComparison.Ordinal);

        var changed = WorkbookEdits.SetText(ResultsWorkbookReaderTests.Tokushima(), "取組実績一覧", "E4", "S");
        var response = await PreviewAsync(changed, PlanAdminClient.Id(demoPlan));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<td>取組実績一覧 シートの 4 行目 A 列</td>", html, StringComparison.Ordinal);
        Assert.Contains("令和2年度は確定済みのため、ファイルの内容で変更できません", html, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal("B", await check.Evaluations.Where(e => e.PlanId == demoPlan && e.FiscalYear == 2020 && check.ActionItems.Any(i => i.Id == e.ItemId && i.Number == "1")).Select(e => e.SelfRating).SingleAsync());
    }
}
