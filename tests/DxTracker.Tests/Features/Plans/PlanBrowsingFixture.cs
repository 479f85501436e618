using System.Net;
using System.Text.RegularExpressions;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;

namespace DxTracker.Tests.Features.Plans;

/// <summary>A database with <see cref="KnownPlan"/> and the app over it, shared by a test class.</summary>
public sealed partial class PlanBrowsingFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public KnownPlan Plan { get; private set; } = null!;

    public DxWebApplicationFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        Plan = await KnownPlan.CreateAsync(ConnectionString);
        Factory = new DxWebApplicationFactory(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    public async Task<HttpClient> SignedInClientAsync(string userName = "viewer")
    {
        var client = Factory.CreateBrowserLikeClient();
        var response = await FormPost.SignInAsync(client, userName, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The item ids the page links to, in the order they appear.</summary>
    public static List<int> LinkedItemIds(string html) =>
        ItemLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The value of a MudSelect (its hidden input carries the selected value; the options exist only while it is open).</summary>
    public static string? SelectedValue(string html, string selectId)
    {
        var start = html.IndexOf($"id=\"{selectId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"select {selectId} not found");
        var end = html.IndexOf('>', start);
        var match = ValueAttribute().Match(html[start..end]);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The text content of a table row whose header cell (or first cell) is <paramref name="rowHeader"/>.</summary>
    public static string RowText(string html, string rowHeader)
    {
        foreach (Match row in TableRow().Matches(html))
        {
            var text = Whitespace().Replace(Tags().Replace(row.Value, " "), " ").Trim();
            if (text.StartsWith(rowHeader + " ", StringComparison.Ordinal))
            {
                return WebUtility.HtmlDecode(text);
            }
        }
        throw new InvalidOperationException($"No row starting with {rowHeader}.");
    }

    [GeneratedRegex("href=\"/plans/\\d+/items/(\\d+)[\"?]")]
    private static partial Regex ItemLink();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
