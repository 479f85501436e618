using System.Net;
using System.Text;
using System.Text.Json;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Tests.Reporting;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.ManageYear;
using DxTracker.Web.Features.Reports;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Reporting.OpenData;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Reports;

/// <summary>The app with demo data, three plan years at the year end (open, closed, closed and public) and a signed-in client per role.</summary>
public sealed class ReportAppFixture : IAsyncLifetime
{
    public static readonly string[] Users = ["admin", "reviewer", "editor", "viewer"];

    private readonly DatabaseFixture database = new();

    public DxWebApplicationFactory Factory { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    public WorkflowScenario OpenYear { get; private set; } = null!;

    public WorkflowScenario ClosedYear { get; private set; } = null!;

    public WorkflowScenario PublicYear { get; private set; } = null!;

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        Factory = new DxWebApplicationFactory(database.ConnectionString);
        Clients["anonymous"] = Factory.CreateBrowserLikeClient();
        OpenYear = await ReportScenario.CreateAsync(ConnectionString, PlanYearState.Open);
        ClosedYear = await ReportScenario.CreateAsync(ConnectionString, PlanYearState.Closed);
        PublicYear = await ReportScenario.CreateAsync(ConnectionString, PlanYearState.Closed, isPublic: true);
        foreach (var user in Users)
        {
            Clients[user] = await SignedInAsync(user);
        }
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await database.DisposeAsync();
    }

    public async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Factory.CreateBrowserLikeClient();
        var response = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<int> TokushimaPlanIdAsync()
    {
        await using var db = database.CreateContext();
        return await db.Plans.Where(p => p.Name == DemoData.PlanName).Select(p => p.Id).SingleAsync();
    }
}

/// <summary>Who gets the annual report, its preview and the open data of a plan year, and what they get.</summary>
public sealed class ReportEndpointsTests(ReportAppFixture app) : IClassFixture<ReportAppFixture>
{
    private static readonly string[] Resources = ["report.xlsx", "results.csv", "results.json", "report"];

    private static readonly string[] Readers = ["anonymous", .. ReportAppFixture.Users];

    /// <summary>docs/api.md: 200, 302 (to the sign-in page), 401 or 403 for each resource, reader and year.</summary>
    private static HttpStatusCode Expected(string resource, string reader, string year)
    {
        var reviewer = reader is "admin" or "reviewer";
        var openData = resource.StartsWith("results.", StringComparison.Ordinal);
        return (reader, year) switch
        {
            (_, "public") => HttpStatusCode.OK,
            ("anonymous", _) => openData ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect,
            (_, "closed") => HttpStatusCode.OK,
            _ => reviewer && !openData ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
        };
    }

    [Fact]
    public async Task Each_reader_gets_exactly_what_the_access_rules_allow()
    {
        var years = new Dictionary<string, WorkflowScenario> { ["open"] = app.OpenYear, ["closed"] = app.ClosedYear, ["public"] = app.PublicYear };
        var failures = new StringBuilder();
        foreach (var (yearName, scenario) in years)
        {
            foreach (var resource in Resources)
            {
                foreach (var reader in Readers)
                {
                    var url = $"/plans/{scenario.PlanId}/years/{ReportScenario.FiscalYear}/{resource}";
                    using var response = await app.Clients[reader].GetAsync(url);
                    var expected = Expected(resource, reader, yearName);
                    if (response.StatusCode != expected)
                    {
                        failures.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{resource} / {reader} / {yearName}: expected {(int)expected}, got {(int)response.StatusCode}");
                    }
                    else if (expected == HttpStatusCode.Redirect)
                    {
                        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(url), FormPost.RedirectTarget(response));
                    }
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Theory]
    [InlineData("report.xlsx")]
    [InlineData("results.csv")]
    [InlineData("results.json")]
    [InlineData("report")]
    public async Task Unknown_plans_and_years_outside_the_plan_are_not_found(string resource)
    {
        var planId = app.ClosedYear.PlanId;
        foreach (var reader in new[] { "reviewer", "anonymous" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Clients[reader].GetAsync($"/plans/{planId}/years/2027/{resource}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Clients[reader].GetAsync($"/plans/{planId}/years/2018/{resource}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Clients[reader].GetAsync($"/plans/987654/years/2021/{resource}")).StatusCode);
        }
    }

    [Fact]
    public async Task Open_data_of_a_closed_public_year_holds_only_approved_results()
    {
        var year = $"/plans/{app.PublicYear.PlanId}/years/{ReportScenario.FiscalYear}";
        var anonymous = app.Clients["anonymous"];

        var csv = await anonymous.GetAsync(year + "/results.csv");
        Assert.Equal(ResultsCsv.ContentType, csv.Content.Headers.ContentType!.ToString());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, records.Length);
        Assert.StartsWith(string.Join(',', ResultsCsv.Columns), records[0], StringComparison.Ordinal);
        Assert.Contains(ReportScenario.ApprovedText, records[1], StringComparison.Ordinal);
        Assert.EndsWith(",確定", records[1], StringComparison.Ordinal);
        Assert.DoesNotContain(ReportScenario.UnapprovedText, text, StringComparison.Ordinal);
        Assert.DoesNotContain("未確定", text, StringComparison.Ordinal);

        var json = await anonymous.GetStringAsync(year + "/results.json");
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.GetProperty("policies").EnumerateArray().SelectMany(p => p.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["1"], items.Select(i => i.GetProperty("number").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("approved").GetBoolean()));
        Assert.True(document.RootElement.GetProperty("final").GetBoolean());
        Assert.DoesNotContain(ReportScenario.UnapprovedText, json, StringComparison.Ordinal);

        // The same year's workbook and preview for anyone: approved results only, and the preview says what it left out.
        using (var book = new WorkbookCells(await anonymous.GetByteArrayAsync(year + "/report.xlsx")))
        {
            Assert.DoesNotContain(book.Cells, c => c.Value.Contains(ReportScenario.UnapprovedText, StringComparison.Ordinal) || c.Value.Contains("未確定", StringComparison.Ordinal));
            Assert.Contains(book.Cells, c => c.Value.StartsWith(ReportScenario.ApprovedText, StringComparison.Ordinal));
        }

        var preview = await anonymous.GetStringAsync(year + "/report");
        Assert.DoesNotContain(ReportScenario.UnapprovedText, preview, StringComparison.Ordinal);
        Assert.Contains(ReportScenario.ApprovedText, preview, StringComparison.Ordinal);
        Assert.Contains("承認されていない取組項目（3件）は掲載していません。", preview, StringComparison.Ordinal);
        Assert.Contains("/results.csv", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewers_get_an_open_year_whole_with_unapproved_items_marked()
    {
        var year = $"/plans/{app.OpenYear.PlanId}/years/{ReportScenario.FiscalYear}";

        using (var book = new WorkbookCells(await app.Clients["reviewer"].GetByteArrayAsync(year + "/report.xlsx")))
        {
            var unapproved = book.Of("取組実績一覧").Single(c => c.Value == ReportScenario.UnapprovedText);
            Assert.Equal("A\n【未確定】", book.Text("取組実績一覧", "E" + unapproved.Row));
        }

        var preview = await app.Clients["reviewer"].GetStringAsync(year + "/report");
        Assert.Contains(ReportScenario.UnapprovedText, preview, StringComparison.Ordinal);
        Assert.DoesNotContain("は掲載していません", preview, StringComparison.Ordinal);
        Assert.Contains($"href=\"{year}/manage\"", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_year_has_one_report_for_everyone_with_the_unapproved_items_listed_in_its_notes()
    {
        var year = $"/plans/{app.ClosedYear.PlanId}/years/{ReportScenario.FiscalYear}";
        const string Note = "※次の取組項目は承認されないまま年度を確定したため、結果に含めていません（未承認）：No.2 ";

        foreach (var user in new[] { "reviewer", "viewer" })
        {
            using var book = new WorkbookCells(await app.Clients[user].GetByteArrayAsync(year + "/report.xlsx"));
            Assert.DoesNotContain(book.Cells, c => c.Value.Contains(ReportScenario.UnapprovedText, StringComparison.Ordinal) || c.Value.Contains("【未確定】", StringComparison.Ordinal));
            Assert.Contains(book.Cells, c => c.Value.StartsWith(Note, StringComparison.Ordinal));

            var preview = await app.Clients[user].GetStringAsync(year + "/report");
            Assert.DoesNotContain(ReportScenario.UnapprovedText, preview, StringComparison.Ordinal);
            Assert.Contains(ReportScenario.ApprovedText, preview, StringComparison.Ordinal);
            Assert.Contains(Note, preview, StringComparison.Ordinal);
            Assert.Contains("承認されていない取組項目（3件）は掲載していません。", preview, StringComparison.Ordinal);
        }

        // Open data is the same approved results.
        var csv = await app.Clients["reviewer"].GetStringAsync(year + "/results.csv");
        Assert.DoesNotContain(ReportScenario.UnapprovedText, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbook_is_saved_under_a_japanese_name_with_an_ascii_fallback()
    {
        var planId = await app.TokushimaPlanIdAsync();
        using var response = await app.Clients["viewer"].GetAsync($"/plans/{planId}/years/2020/report.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("徳島市情報化基本計画_取組実績_令和2年度.xlsx", disposition.FileNameStar);
        Assert.Equal($"dxtracker-plan{planId}-fy2020-report.xlsx", disposition.FileName);
        Assert.StartsWith(
            $"attachment; filename=\"dxtracker-plan{planId}-fy2020-report.xlsx\"; filename*=UTF-8''%E5%BE%B3%E5%B3%B6%E5%B8%82",
            response.Content.Headers.GetValues("Content-Disposition").Single(),
            StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.True(response.Headers.CacheControl.NoCache);
        using var book = new WorkbookCells(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("「徳島市情報化基本計画」の取組実績（令和2年度）", book.Text("自己評価結果", "A1"));

        using var csv = await app.Clients["viewer"].GetAsync($"/plans/{planId}/years/2020/results.csv");
        Assert.Equal("徳島市情報化基本計画_取組実績_令和2年度.csv", csv.Content.Headers.ContentDisposition!.FileNameStar);
        using var json = await app.Clients["viewer"].GetAsync($"/plans/{planId}/years/2020/results.json");
        Assert.Equal(ResultsJson.ContentType, json.Content.Headers.ContentType!.ToString());
        Assert.Equal($"dxtracker-plan{planId}-fy2020-results.json", json.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task A_report_that_may_still_change_says_so_and_is_never_cached()
    {
        var year = $"/plans/{app.OpenYear.PlanId}/years/{ReportScenario.FiscalYear}";
        using var response = await app.Clients["reviewer"].GetAsync(year + "/report.xlsx");

        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("テスト市情報化計画_取組実績_令和3年度_未確定.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal($"dxtracker-plan{app.OpenYear.PlanId}-fy2021-report-draft.xlsx", response.Content.Headers.ContentDisposition.FileName);
        using var book = new WorkbookCells(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("「テスト市情報化計画」の取組実績（令和3年度）【未確定】", book.Text("自己評価結果", "A1"));

        var preview = await app.Clients["reviewer"].GetStringAsync(year + "/report");
        Assert.Contains("<p class=\"banner-title\">未確定</p>", preview, StringComparison.Ordinal);
        Assert.Contains($"href=\"{year}/report.xlsx\"", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("/results.csv", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reviewer_publishes_a_closed_year_and_anyone_may_then_read_it()
    {
        var scenario = await ReportScenario.CreateAsync(app.ConnectionString, PlanYearState.Closed);
        var preview = $"/plans/{scenario.PlanId}/years/{ReportScenario.FiscalYear}/report";
        var anonymous = app.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(preview)).StatusCode);

        // Only reviewers may publish: the viewer is refused in the handler and nothing changes.
        await using (var viewer = await HandlerScope.ForAsync(app.Factory.Services, "viewer"))
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => viewer.Get<ManageYearHandler>().PublishAsync(scenario.PlanId, ReportScenario.FiscalYear, true, 0));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(preview)).StatusCode);

        await PublishAsync(scenario.PlanId, isPublic: true);
        var page = await anonymous.GetAsync(preview);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("「テスト市情報化計画」の取組実績（令和3年度）</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ReportFiles.CsvUrl(scenario.PlanId, ReportScenario.FiscalYear))).StatusCode);

        await PublishAsync(scenario.PlanId, isPublic: false);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(preview)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(ReportFiles.CsvUrl(scenario.PlanId, ReportScenario.FiscalYear))).StatusCode);
    }

    [Fact]
    public async Task An_open_year_cannot_be_published()
    {
        var scenario = await ReportScenario.CreateAsync(app.ConnectionString, PlanYearState.Open);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => PublishAsync(scenario.PlanId, isPublic: true));

        Assert.Equal("確定していない年度は公開できません。", refused.Message);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Factory.CreateBrowserLikeClient().GetAsync($"/plans/{scenario.PlanId}/years/{ReportScenario.FiscalYear}/report")).StatusCode);
    }

    private async Task PublishAsync(int planId, bool isPublic)
    {
        await using var reviewer = await HandlerScope.ForAsync(app.Factory.Services, "reviewer");
        var handler = reviewer.Get<ManageYearHandler>();
        var year = (await handler.LoadAsync(planId, ReportScenario.FiscalYear)).Year!;
        await handler.PublishAsync(planId, ReportScenario.FiscalYear, isPublic, year.Version);
    }

    [Fact]
    public void Only_a_closed_year_can_be_public_and_reopening_withdraws_it()
    {
        var plan = new Plan("計画", "市", new FiscalYear(2019), new FiscalYear(2026));
        var year = plan.AddYear(new FiscalYear(2021));
        year.OpenForEntry(new DateOnly(2022, 5, 31));

        Assert.Equal("確定していない年度は公開できません。", Assert.Throws<DomainRuleException>(() => year.Publish(true)).Message);
        year.Close();
        year.Publish(true);
        Assert.True(year.IsPublic);
        year.Reopen();
        Assert.False(year.IsPublic);
    }

    [Fact]
    public async Task The_start_page_links_to_the_reports()
    {
        var planId = await app.TokushimaPlanIdAsync();

        var reviewer = await app.Clients["reviewer"].GetStringAsync("/");
        Assert.Contains($"href=\"{ReportFiles.PreviewUrl(planId, 2021)}\"", reviewer, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReportFiles.WorkbookUrl(planId, 2021)}\"", reviewer, StringComparison.Ordinal);

        var viewer = await app.Clients["viewer"].GetStringAsync("/");
        Assert.Contains("確定した年度の取組実績", viewer, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReportFiles.PreviewUrl(planId, 2020)}\"", viewer, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReportFiles.CsvUrl(planId, 2020)}\"", viewer, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{ReportFiles.PreviewUrl(planId, 2021)}\"", viewer, StringComparison.Ordinal);
    }
}
