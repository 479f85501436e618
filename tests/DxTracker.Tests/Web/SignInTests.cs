using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Failures_slow_down_the_client_that_makes_them_not_the_account()
    {
        await using var ownFactory = new DxWebApplicationFactory(await TestDatabase.CreateAsync());
        var attacker = ownFactory.CreateBrowserLikeClient("192.0.2.10");
        for (var i = 0; i < 10; i++)
        {
            await FormPost.SignInAsync(attacker, "admin", "wrong-password-1");
        }

        // The client that guessed waits, even with the right password …
        var refused = await (await FormPost.SignInAsync(attacker, "admin", DemoData.Password)).Content.ReadAsStringAsync();
        Assert.Contains("この端末からのログインを一時的に止めています", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/")).StatusCode);
        // … and the real administrator, at their own PC, signs in: the guesses did not lock the account.
        var owner = ownFactory.CreateBrowserLikeClient("192.0.2.20");
        Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(owner, "admin", DemoData.Password)));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_deactivated_get_the_same_answer()
    {
        await using var ownFactory = new DxWebApplicationFactory(await TestDatabase.CreateAsync());
        await using (var scope = ownFactory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var locked = await users.FindByNameAsync("editor2");
            await users.SetLockoutEndDateAsync(locked!, DateTimeOffset.UtcNow.AddHours(1));
            var deactivated = await users.FindByNameAsync("viewer");
            deactivated!.IsActive = false;
            await users.UpdateAsync(deactivated);
        }

        var answers = new List<string>();
        foreach (var (address, user, password) in new[]
        {
            ("192.0.2.31", "nobody-here", "wrong-password-1"),
            ("192.0.2.32", "editor", "wrong-password-1"),
            ("192.0.2.33", "editor2", DemoData.Password),
            ("192.0.2.34", "viewer", DemoData.Password),
            ("192.0.2.35", "viewer", "wrong-password-1"),
        })
        {
            var client = ownFactory.CreateBrowserLikeClient(address);
            var response = await FormPost.SignInAsync(client, user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(BannerOf(await response.Content.ReadAsStringAsync()));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        }

        Assert.All(answers, a => Assert.Equal(Login.RefusedMessage, a));
    }

    [Fact]
    public async Task An_unknown_user_ID_takes_about_as_long_as_a_wrong_password()
    {
        // The first version answered an unknown user ID in 18 ms and a wrong password in 303 ms (the hash check).
        // Medians of alternating attempts, each from its own address so that throttling does not interfere.
        var client = 0;
        async Task<double> TimeAsync(string user)
        {
            var http = factory.CreateBrowserLikeClient($"198.51.100.{++client}");
            var token = await FormPost.AntiforgeryTokenAsync(http, "/account/login");
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "login",
                ["Input.UserName"] = user,
                ["Input.Password"] = "wrong-password-1",
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await http.PostAsync("/account/login", form);
            return watch.Elapsed.TotalMilliseconds;
        }
        await TimeAsync("editor");
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            unknown.Add(await TimeAsync($"nobody-{i}"));
            wrong.Add(await TimeAsync("editor"));
        }

        var ratio = Median(unknown) / Median(wrong);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    [Fact]
    public async Task More_sign_in_posts_than_the_limit_from_one_address_get_the_Japanese_429_page()
    {
        await using var limited = new DxWebApplicationFactory(database.ConnectionString) { SignInPostsPerMinute = 3 };
        var client = limited.CreateBrowserLikeClient("192.0.2.60");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FormPost.SignInAsync(client, $"guess-{i}", "wrong-password-1")).StatusCode);
        }

        var refused = await FormPost.SignInAsync(client, "viewer", DemoData.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("短い時間に続けて送信されたため、受け付けを一時的に止めています。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another address is not affected.
        var other = limited.CreateBrowserLikeClient("192.0.2.61");
        Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(other, "viewer", DemoData.Password)));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string BannerOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "ログインできませんでした</[^>]+>.*?<p>(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : "(no error banner)";
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
