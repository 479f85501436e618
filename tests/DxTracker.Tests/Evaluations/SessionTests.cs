using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Typing a long result must not end in a lost session: the sign-in slides for 8 hours without a request, and ends
/// after 12 hours however active (the absolute lifetime, enforced by the server-side session store).
/// </summary>
public sealed class SessionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_session_lasts_8_hours_after_the_last_request_and_slides_with_use_up_to_12_hours()
    {
        var clock = new ManualClock(new DateTimeOffset(2022, 5, 20, 0, 0, 0, TimeSpan.Zero));
        await using var factory = new DxWebApplicationFactory(database.ConnectionString)
        {
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "editor", DemoData.Password);

        // A whole morning typing, then the form is posted: still signed in.
        clock.Advance(TimeSpan.FromHours(7.5));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // The request renewed the session past its first 8 hours: 4 hours later (11.5 in all) it is still valid.
        clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // However busy, after 12 hours sign-in is needed again.
        clock.Advance(TimeSpan.FromHours(0.6));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task After_8_hours_without_a_request_the_session_has_ended()
    {
        var clock = new ManualClock(new DateTimeOffset(2022, 5, 20, 0, 0, 0, TimeSpan.Zero));
        await using var factory = new DxWebApplicationFactory(database.ConnectionString)
        {
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "editor", DemoData.Password);

        clock.Advance(TimeSpan.FromHours(8.1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
