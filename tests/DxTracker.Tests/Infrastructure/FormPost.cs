using System.Net;
using System.Text.RegularExpressions;

namespace DxTracker.Tests.Infrastructure;

/// <summary>Posting forms as a browser does: GET the page, read the antiforgery token, POST.</summary>
public static partial class FormPost
{
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        return AntiforgeryTokenIn(html);
    }

    public static string AntiforgeryTokenIn(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields, string? postUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        if (formName.Length > 0)
        {
            values["_handler"] = formName;
        }
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        await PostAsync(client, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>The path and query a redirect points to, asserting that it stays on this site.</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"Not a redirect: {(int)response.StatusCode}");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }
        return location.Host == "localhost" ? location.PathAndQuery : throw new InvalidOperationException($"Redirect leaves the site: {location}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
