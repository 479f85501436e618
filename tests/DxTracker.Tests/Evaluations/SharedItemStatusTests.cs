using System.Text.RegularExpressions;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.EnterResult;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// A shared item's status reads the same on the entry page and the start page: a department that has submitted its
/// part sees 提出済 (the item waiting for the other department), and a year under review offers no entry except a return.
/// </summary>
public sealed partial class SharedItemStatusTests(DatabaseFixture database) : WorkflowTest(database)
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, user, DemoData.Password);
        return client;
    }

    /// <summary>The badges of a page, as text (「● 提出済」…).</summary>
    private static List<string> Badges(string html) =>
        BadgePattern().Matches(html).Select(m => m.Groups[1].Value.Trim()).ToList();

    /// <summary>The start page's section of the scenario's plan year (the database also holds the demo plan).</summary>
    private string Section(string html)
    {
        var start = html.IndexOf($"id=\"year-{Scenario.PlanId}-{WorkflowScenario.FiscalYear}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the scenario's year is not on the start page");
        var end = html.IndexOf("role=\"region\"", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    /// <summary>A row of a table: from the item's title to the end of the row.</summary>
    private static string Row(string html, string title)
    {
        var start = html.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"「{title}」がありません");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task After_one_department_submits_its_part_both_pages_say_submitted_and_name_the_department_still_writing()
    {
        await using (var s = await HandlerScope.ForAsync(Factory.Services, "editor"))
        {
            var handler = s.Get<EnterResultHandler>();
            var form = (await handler.OpenAsync(Scenario.PlanId, Scenario.SharedItemId, WorkflowScenario.FiscalYear, Scenario.SomuId, restoreDraft: false)).Input;
            form.Result = "総務課の実施内容。";
            form.SelfRating = "A";
            await handler.SaveAsync(Scenario.PlanId, Scenario.SharedItemId, WorkflowScenario.FiscalYear, form.ToPartInput(), submit: true);
        }
        var editor = await SignedInAsync("editor");

        var entry = await editor.GetStringAsync($"{Scenario.EntryUrl(Scenario.SharedItemId)}?dept={Scenario.SomuId}");
        Assert.True(Badges(entry).SequenceEqual(["● 提出済"]), entry[entry.IndexOf("<dl", StringComparison.Ordinal)..][..1500]);
        Assert.Contains("（項目全体：1／2部署が提出済）", entry, StringComparison.Ordinal);
        Assert.Contains("この部署の入力は提出済みです。ほかの部署の提出を待っています。", entry, StringComparison.Ordinal);

        var home = Section(await editor.GetStringAsync("/"));
        var row = Row(home, "GISの効率的運用");
        Assert.Equal("● 提出済", Badges(row).Single());
        Assert.Contains("内容を見る", row, StringComparison.Ordinal);
        // 電子申請の拡充 is the only item 総務課 still has to write (テレワーク is submitted, GIS is its part submitted).
        Assert.Contains("あなたの担当項目（未提出 1件／全 3件）", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_year_under_review_the_start_page_offers_no_entry_and_counts_only_what_was_returned()
    {
        await Scenario.SetStateAsync(Database.ConnectionString, PlanYearState.InReview);
        var editor = await SignedInAsync("editor");

        var home = Section(await editor.GetStringAsync("/"));

        Assert.Contains("あなたの担当項目（差戻し・要修正 0件／全 3件）", home, StringComparison.Ordinal);
        Assert.DoesNotContain(">入力する<", home, StringComparison.Ordinal);
        Assert.Contains("内容を見る", Row(home, "電子申請の拡充"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_department_reading_and_the_writable_rule_agree_for_every_status()
    {
        var year = new DxTracker.Web.Domain.FiscalYear(WorkflowScenario.FiscalYear);
        foreach (var status in Enum.GetValues<EvaluationStatus>())
        {
            foreach (var partSubmitted in new[] { false, true })
            {
                var reading = YearlyEvaluation.ForDepartment(status, partSubmitted);
                var writable = YearlyEvaluation.WhyNotWritable(year, PlanYearState.Open, status, partSubmitted) is null;
                // Writable exactly when the department's reading is one that still asks for its input.
                Assert.Equal(reading is EvaluationStatus.NotStarted or EvaluationStatus.Draft or EvaluationStatus.Returned, writable);
            }
        }
    }

    [GeneratedRegex("<span class=\"inline-flex items-center gap-1 rounded-4[^\"]*\">([^<]*)</span>")]
    private static partial Regex BadgePattern();
}
