using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Web;

/// <summary>Several instances (issue 12): with the keys in PostgreSQL, a cookie one instance wrote works on the other.</summary>
public sealed class DataProtectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_user_signed_in_on_one_instance_carries_on_through_another()
    {
        await using var first = new SharedKeysFactory(database.ConnectionString);
        await using var second = new SharedKeysFactory(database.ConnectionString) { LoadDemoData = false };
        var browser = first.CreateBrowserLikeClient();
        await FormPost.SignInAsync(browser, "editor", DemoData.Password);
        var cookie = (await browser.GetAsync("/health")).RequestMessage!.Headers.GetValues("Cookie").Single();

        var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var page = await other.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("総務 一郎 さん", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync(k => k.Xml!.Contains("<key ")));
    }

    private sealed class SharedKeysFactory(string connectionString) : DxWebApplicationFactory(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:Store", "Database");
        }
    }
}
