using System.IO.Compression;
using System.Net;
using System.Text;
using DxTracker.Tests.Evaluations;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Plans;
using DxTracker.Web.Features.Evaluations.EnterResult;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using Npgsql;

namespace DxTracker.Tests.Security;

/// <summary>
/// Issue 12, finding 6, replayed: hand-edited addresses, control characters and broken characters in every kind of text
/// input, and workbooks built to exhaust the server. Each gets a Japanese refusal and leaves the database as it was.
/// </summary>
public sealed class HostileInputTests(DatabaseFixture database) : WorkflowTest(database)
{
    [Theory]
    [InlineData("/account/login?loggedOut=1")]
    [InlineData("/account/login?loggedOut=abc&ReturnUrl=%00")]
    [InlineData("/plans/1?year=abc&dept=abc&grade=%00&status=zzz&sort=%F0%9F&page=-5")]
    [InlineData("/plans/abc")]
    [InlineData("/plans/1/years/abc/report.xlsx")]
    [InlineData("/plans/999999/years/2021/results.csv")]
    [InlineData("/api/plans/abc/years/2021/summary")]
    public async Task Bad_addresses_never_fail_anonymously(string url)
    {
        var response = await Factory.CreateBrowserLikeClient().GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} → {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("?dept=abc")]
    [InlineData("?dept=99999999999999999999")]
    [InlineData("?dept=-1")]
    public async Task A_bad_department_in_the_entry_address_is_ignored(string query)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "editor", DemoData.Password);

        var response = await client.GetAsync(Scenario.EntryUrl(Scenario.OwnItemId) + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/account/change-password?done=abc")]
    [InlineData("/admin/import?plan=abc")]
    [InlineData("/plans/1?approved=abc")]
    public async Task Bad_parameters_never_fail_for_a_signed_in_user(string url)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "admin", DemoData.Password);

        var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} → {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_return_address_with_a_raw_full_width_space_goes_home_after_sign_in()
    {
        var client = Factory.CreateBrowserLikeClient();

        var response = await FormPost.PostAsync(client, "/account/login?ReturnUrl=%2F%E3%80%80%2Fx", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "viewer",
            ["Input.Password"] = DemoData.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", FormPost.RedirectTarget(response));
    }

    [Fact]
    public async Task A_post_for_a_form_the_page_does_not_render_gets_the_Japanese_page()
    {
        var client = Factory.CreateBrowserLikeClient();

        var response = await FormPost.PostAsync(client, "/account/login", "not-a-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<h1>リクエストが正しくありません</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NUL_in_the_sign_in_form_is_a_bad_request_not_a_file_too_large()
    {
        var client = Factory.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, "view\0er", "demo\0pass");

        // The form reader refuses it before the page sees it: the Japanese 400 page (the first version said 413).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>リクエストが正しくありません</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Built here: a lone surrogate does not survive xunit's serialization of InlineData.</summary>
    private static readonly string[] HostileTexts = ["実績\0です", "壊れた\ud800文字", "逆順\udc00", "ベル\u0007"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Control_and_broken_characters_are_refused_at_the_field_and_on_the_server(int which)
    {
        var text = HostileTexts[which];
        await using var scope = await HandlerScope.ForAsync(Factory.Services, "editor");
        var handler = scope.Get<EnterResultHandler>();
        var input = (await handler.OpenAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, null, restoreDraft: false)).Input;
        input.Result = text;
        input.Improvement = text;

        var problems = input.Problems(submit: false, []);
        Assert.StartsWith("取組実績に使えない文字", problems["result"], StringComparison.Ordinal);
        Assert.StartsWith("改善・拡充策、課題等に使えない文字", problems["improvement"], StringComparison.Ordinal);

        // A client that sends it anyway (the circuit, by hand) is refused by the handler; nothing is written.
        var before = await RowCountsAsync();
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => handler.SaveAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, input.ToPartInput(), submit: false));
        Assert.Contains("使えない文字", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountsAsync());

        // The autosave keeps what can be kept, instead of failing on every keystroke.
        await handler.AutosaveAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, input);
        await using var db = Database.CreateContext();
        var draft = db.EntryDrafts.Single(d => d.ItemId == Scenario.OwnItemId);
        Assert.True(PlainText.IsSafe(draft.ResultText));
        Assert.Equal(PlainText.Clean(text), draft.ResultText);
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    [InlineData("\\udc00x")]
    public void A_JSON_import_with_a_NUL_or_a_lone_surrogate_names_the_place(string escaped)
    {
        var json = $$"""{"municipality":"テスト市","plan":{"name":"計画{{escaped}}","startYear":2021,"endYear":2025},"policies":[]}""";

        var (file, problems) = PlanFileReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(file);
        var problem = Assert.Single(problems);
        Assert.Equal("$.plan.name", problem.Path);
        Assert.StartsWith("使えない文字（制御文字や壊れた文字）が含まれています。", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22021", false)]
    [InlineData("22P05", false)]
    [InlineData("23505", false)]
    [InlineData("08006", true)]
    [InlineData("53300", true)]
    [InlineData("57P01", true)]
    [InlineData("3D000", true)]
    [InlineData("28P01", true)]
    public void Only_an_unreachable_or_exhausted_database_is_a_503(string sqlState, bool unavailable) =>
        Assert.Equal(unavailable, ErrorPages.IsDatabaseUnavailable(new InvalidOperationException("save failed", new PostgresException("refused", "ERROR", "ERROR", sqlState))));

    [Fact]
    public void A_workbook_that_expands_to_hundreds_of_megabytes_is_refused_with_little_memory()
    {
        // 1 MB × 400 of one letter in the shared strings: about 400 KB on disk, 400 MB expanded, declaring a small size.
        var bomb = Workbook(("xl/sharedStrings.xml", part =>
        {
            part.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"u8);
            var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var i = 0; i < 400; i++)
            {
                part.Write(chunk);
            }
            part.Write("</t></si></sst>"u8);
        }));
        Assert.InRange(bomb.Length, 1, WorkbookImport.MaxFileBytes);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var problem = UploadedWorkbookCheck.ProblemOf(bomb);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(UploadedWorkbookCheck.TooLarge, problem);
        // The check reads through a 64 MB budget and stops: it never holds the part (the first version held 4.5 GB).
        Assert.InRange(allocated, 0, 200L * 1024 * 1024);
        Assert.Equal(UploadedWorkbookCheck.TooLarge, ResultsWorkbookReader.Read(bomb, new WorkbookTarget("テスト市", null, new FiscalYear(2021), new FiscalYear(2025), NewPlan: true)).Problems.Single().Message);
    }

    [Theory]
    [InlineData("<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>")]
    [InlineData("<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    public void A_workbook_with_a_DTD_is_refused(string doctype)
    {
        var hostile = Workbook(("xl/sharedStrings.xml", part =>
            part.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>{doctype}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&b;</t></si></sst>"))));

        Assert.Equal(UploadedWorkbookCheck.HasDtd, UploadedWorkbookCheck.ProblemOf(hostile));
    }

    [Fact]
    public void A_real_report_workbook_passes_the_check()
    {
        var model = DxTracker.Tests.Reporting.Models.TokushimaReportModel.Load();
        var bytes = DxTracker.Web.Reporting.AnnualReportWorkbook.Build(model).ToArray();

        Assert.Null(UploadedWorkbookCheck.ProblemOf(bytes));
    }

    private static byte[] Workbook(params (string Name, Action<Stream> Write)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "xl/workbook.xml" })
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write("<?xml version=\"1.0\"?><x/>"u8);
            }
            foreach (var (name, write) in parts)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(stream);
            }
        }
        return buffer.ToArray();
    }

    private async Task<(int Evaluations, int Parts, int Audit)> RowCountsAsync()
    {
        await using var db = Database.CreateContext();
        return (db.Evaluations.Count(), db.EvaluationParts.Count(), db.AuditEntries.Count(a => a.EntityType != "Account"));
    }
}
