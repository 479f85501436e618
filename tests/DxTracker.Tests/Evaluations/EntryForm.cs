using System.Text.RegularExpressions;
using DxTracker.Tests.Infrastructure;

namespace DxTracker.Tests.Evaluations;

/// <summary>Posts the entry form as a browser does: the page's token and hidden fields, with the given values on top.</summary>
public static class EntryForm
{
    private static readonly string[] HiddenFields = ["Input.DepartmentId", "Input.PartVersion", "Input.EvaluationVersion", "Input.LoadedRating"];

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> values) =>
        await PostFromPageAsync(client, await client.GetStringAsync(url), url, values);

    public static Task<HttpResponseMessage> PostFromPageAsync(HttpClient client, string formHtml, string url, IDictionary<string, string> values)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "entry",
            ["__RequestVerificationToken"] = FormPost.AntiforgeryTokenIn(formHtml),
        };
        foreach (var name in HiddenFields)
        {
            fields[name] = Regex.Match(formHtml, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;
        }
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
