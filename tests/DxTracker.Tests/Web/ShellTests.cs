using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Web;

public sealed class ShellTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Health_is_healthy_without_signing_in()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Japanese_text_is_not_escaped_and_the_page_is_Japanese()
    {
        var html = await factory.CreateClient().GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("ユーザーID", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_headers_are_sent()
    {
        var response = await factory.CreateClient().GetAsync("/account/login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task An_interactive_page_allows_inline_styles_for_MudBlazor_but_never_inline_script()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "viewer", DemoData.Password);
        var response = await client.GetAsync("/plans");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain(csp, d => d.StartsWith("script-src", StringComparison.Ordinal) && d.Contains("unsafe", StringComparison.Ordinal));
        Assert.Contains("style-src-attr 'unsafe-inline'", csp);
        Assert.Contains("style-src-elem 'self' 'unsafe-inline'", csp);
        Assert.Contains("connect-src 'self'", csp);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MudBlazor_assets_are_served_compressed_through_their_layered_stylesheet()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_content/MudBlazor/MudBlazor.min.css?v=" + typeof(MudBlazor.MudButton).Assembly.GetName().Version!.ToString(3));
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "gzip" or "br");
    }

    [Fact]
    public async Task Stylesheet_is_served_to_anonymous_users()
    {
        var client = factory.CreateClient();
        var html = await client.GetStringAsync("/account/login");
        var href = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;

        // As a browser asks for it: the compressed variant is served when accepted.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + href.TrimStart('/'));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        var css = response.Content.Headers.ContentEncoding.Contains("gzip")
            ? await new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)).ReadToEndAsync()
            : System.Text.Encoding.UTF8.GetString(body);
        Assert.Contains("Noto Sans JP", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_gives_a_Japanese_404_page()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "viewer", DemoData.Password);

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound, "ページが見つかりません")]
    [InlineData("GET", "/admin", HttpStatusCode.Forbidden, "この操作を行う権限がありません")]
    [InlineData("POST", "/plans", HttpStatusCode.BadRequest, "リクエストが正しくありません")]
    public async Task Status_pages_are_whole_Japanese_documents_with_title_and_stylesheet(string method, string url, HttpStatusCode status, string title)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "viewer", DemoData.Password);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "x" }) : null,
        });

        Assert.Equal(status, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{title} - DxTracker</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Matches("""<link rel="stylesheet" href="css/app[^"]*\.css" />""", html);
        Assert.Contains("<main id=\"main-content\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the last migration: run dotnet ef migrations add NAME (README, Development).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
