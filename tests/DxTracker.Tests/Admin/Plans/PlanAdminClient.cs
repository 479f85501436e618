using System.Globalization;
using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>An administrator's browser-like client for the plan administration pages, with helpers that post their forms.</summary>
public sealed class PlanAdminClient(HttpClient client)
{
    public HttpClient Http { get; } = client;

    public static async Task<PlanAdminClient> SignInAsync(DxWebApplicationFactory factory, string userName = "admin")
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, userName, DemoData.Password);
        return new PlanAdminClient(client);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> PostAsync(string page, string formName, params (string Key, string Value)[] fields) =>
        PostAsync(page, formName, fields.AsEnumerable());

    public async Task<HttpResponseMessage> PostAsync(string page, string formName, IEnumerable<(string Key, string Value)> fields)
    {
        var token = await FormPost.AntiforgeryTokenAsync(Http, page);
        var values = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", token) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await Http.PostAsync(page, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts and asserts that the action succeeded (a redirect); returns where it redirected.</summary>
    public async Task<string> SucceedAsync(string page, string formName, params (string Key, string Value)[] fields)
    {
        var response = await PostAsync(page, formName, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{formName} on {page} answered {(int)response.StatusCode}: {Errors(body)}");
        }
        return FormPost.RedirectTarget(response);
    }

    /// <summary>Posts and asserts that the action was refused (400); returns the page's HTML.</summary>
    public async Task<string> RefusedAsync(string page, string formName, params (string Key, string Value)[] fields)
    {
        var response = await PostAsync(page, formName, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{formName} on {page} answered {(int)response.StatusCode}, expected 400.");
        return body;
    }

    /// <summary>Creates a plan through the form; returns its id.</summary>
    public async Task<int> CreatePlanAsync(string name, string start, string end, string municipality = "津島市", string scale = "sabc")
    {
        var target = await SucceedAsync("/admin/plans/new", "new-plan",
            ("Input.Name", name), ("Input.Municipality", municipality), ("Input.StartYear", start), ("Input.EndYear", end),
            ("Input.PolicyLabel", "取組方針"), ("Input.CategoryLabel", "取組"), ("Input.ItemLabel", "取組項目"),
            ("Input.Rounding", "HalfUpEach"), ("Input.Phases", "研究、検討、実証、導入、運用、拡充"), ("Input.ScaleKey", scale));
        return IdIn(target, "/admin/plans/");
    }

    public Task AddPolicyAsync(int planId, int number, string title) =>
        SucceedAsync($"/admin/plans/{Id(planId)}/policies", "add-policy", ("Input.Number", Id(number)), ("Input.Title", title));

    /// <summary>Adds an item through the form; returns its id.</summary>
    public async Task<int> AddItemAsync(int planId, int policyId, string number, string title, string content = "", string goal = "")
    {
        var target = await SucceedAsync($"/admin/plans/{Id(planId)}/items", "add-item",
            ("Input.PolicyId", Id(policyId)), ("Input.Number", number), ("Input.Title", title), ("Input.Content", content), ("Input.Goal", goal));
        return IdIn(target, $"/admin/plans/{Id(planId)}/items/");
    }

    public static int IdIn(string target, string prefix)
    {
        Assert.StartsWith(prefix, target, StringComparison.Ordinal);
        var rest = target[prefix.Length..];
        var end = rest.IndexOfAny(['?', '/']);
        return int.Parse(end < 0 ? rest : rest[..end], CultureInfo.InvariantCulture);
    }

    private static string Errors(string html)
    {
        var start = html.IndexOf("banner-error", StringComparison.Ordinal);
        return start < 0 ? html[..Math.Min(html.Length, 400)] : html.Substring(start, Math.Min(600, html.Length - start));
    }
}
