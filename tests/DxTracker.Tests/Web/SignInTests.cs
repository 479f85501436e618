using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;

namespace DxTracker.Tests.Web;

public sealed class SignInTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Anonymous_request_for_a_page_redirects_to_login()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", FormPost.RedirectTarget(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "管理 太郎")]
    [InlineData("reviewer", "推進 花子")]
    [InlineData("editor", "総務 一郎")]
    [InlineData("viewer", "閲覧 三郎")]
    public async Task Demo_account_signs_in_and_sees_the_start_page(string userName, string displayName)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, userName, DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", FormPost.RedirectTarget(response));
        var home = await client.GetStringAsync("/");
        Assert.Contains($"{displayName} さん", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_with_a_Japanese_message_and_no_cookie()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, "editor2", "wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ユーザーIDまたはパスワードが正しくありません。", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Empty_fields_give_Japanese_validation_messages()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, "", "");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ユーザーIDを入力してください。", html, StringComparison.Ordinal);
        Assert.Contains("パスワードを入力してください。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await using var ownFactory = new DxWebApplicationFactory(await TestDatabase.CreateAsync());
        var client = ownFactory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await FormPost.SignInAsync(client, "viewer", "wrong-password-1");
        }

        var response = await FormPost.SignInAsync(client, "viewer", DemoData.Password);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("アカウントを一時的にロックしました", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "reviewer", DemoData.Password);

        var response = await FormPost.PostAsync(client, "/", "", new Dictionary<string, string>(), "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?loggedOut=true", FormPost.RedirectTarget(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_rejected()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoData.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The Japanese status page, not the framework's English text.
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>リクエストが正しくありません</h1>", html, StringComparison.Ordinal);
        Assert.Contains("画面を開き直して、もう一度お試しください。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Logout_without_antiforgery_token_is_rejected()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "reviewer", DemoData.Password);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>リクエストが正しくありません</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await FormPost.PostAsync(client, "/account/login?ReturnUrl=%2F%2Fevil.example", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoData.Password,
        });

        Assert.Equal("/", FormPost.RedirectTarget(response));
    }
}
