using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DxTracker.Tests.Infrastructure;

/// <summary>A person the test identity provider knows (its own directory, not DxTracker's accounts).</summary>
public sealed record TestOidcUser(string Subject, string UserName, string Password, string? Email = null);

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: OpenIddict's server on Kestrel (127.0.0.1, a free
/// port, plain HTTP), its stores in a PostgreSQL database of its own, the authorization code flow with PKCE, and a
/// sign-in form of its own, as a municipality's Entra ID or Keycloak has. The id_token carries <c>sub</c>,
/// <c>preferred_username</c>, <c>name</c> and <c>email</c>.
/// </summary>
public sealed class TestOidcServer : IAsyncDisposable
{
    public const string ClientId = "dxtracker";

    private const string LoginCookie = "TestIdp.Session";

    private readonly WebApplication app;
    private readonly string connectionString;

    private TestOidcServer(WebApplication app, string connectionString, Uri authority)
    {
        this.app = app;
        this.connectionString = connectionString;
        Authority = authority;
    }

    public Uri Authority { get; }

    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>How many sign-ins the provider's own form accepted.</summary>
    public int SignIns { get; private set; }

    /// <summary>Starts the provider; nobody can sign in through it until <see cref="RegisterClientAsync"/>.</summary>
    public static async Task<TestOidcServer> StartAsync(params TestOidcUser[] users)
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<DbContext>(o => o.UseNpgsql(connectionString).UseOpenIddict());
        builder.Services.AddAuthentication(LoginCookie).AddCookie(LoginCookie, o => o.Cookie.Name = LoginCookie);
        builder.Services.AddAuthorization();
        TestOidcServer? server = null;
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)(context => AuthorizeAsync(context, users)));
        app.MapGet("/login", (string returnUrl) => Results.Content(LoginForm(returnUrl, failed: false), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            var user = users.SingleOrDefault(u => u.UserName == form["username"] && u.Password == form["password"]);
            if (user is null || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
            {
                return Results.Content(LoginForm(returnUrl, failed: true), "text/html; charset=utf-8", statusCode: 200);
            }
            server!.SignIns++;
            await context.SignInAsync(LoginCookie, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Subject)], LoginCookie)));
            return Results.Redirect(returnUrl);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DbContext>().Database.EnsureCreatedAsync();
        }
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server = new TestOidcServer(app, connectionString, new Uri(address, "/"));
        return server;
    }

    /// <summary>Registers DxTracker as a confidential client with its callback address.</summary>
    public async Task RegisterClientAsync(Uri dxTrackerBaseAddress)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(dxTrackerBaseAddress, DxTracker.Web.Infrastructure.Auth.SingleSignOnOptions.CallbackPath) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>DxTracker's settings for this provider (the claim it matches accounts by, and how).</summary>
    public Dictionary<string, string> Settings(string userClaim = "preferred_username", string matchBy = "UserName") => new()
    {
        ["Authentication:Oidc:Authority"] = Authority.ToString(),
        ["Authentication:Oidc:ClientId"] = ClientId,
        ["Authentication:Oidc:ClientSecret"] = ClientSecret,
        ["Authentication:Oidc:DisplayName"] = "庁内アカウント",
        ["Authentication:Oidc:UserClaim"] = userClaim,
        ["Authentication:Oidc:MatchBy"] = matchBy,
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await TestDatabase.DropAsync(connectionString);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, TestOidcUser[] users)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(LoginCookie);
        var user = session.Succeeded ? users.SingleOrDefault(u => u.Subject == session.Principal.FindFirstValue(ClaimTypes.NameIdentifier)) : null;
        if (user is null)
        {
            return Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
        }
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.Email, user.Email);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string LoginForm(string returnUrl, bool failed) =>
        $"""
        <!DOCTYPE html>
        <html lang="ja"><head><meta charset="utf-8"><title>庁内アカウント - サインイン</title></head>
        <body><main><h1>庁内アカウントでサインイン</h1>
        {(failed ? "<p role=\"alert\">ユーザー名またはパスワードが違います。</p>" : "")}
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{HtmlEncoder.Default.Encode(returnUrl)}">
        <label for="idp-username">ユーザー名</label> <input id="idp-username" name="username" autocomplete="username">
        <label for="idp-password">パスワード</label> <input id="idp-password" name="password" type="password" autocomplete="current-password">
        <button type="submit">サインイン</button>
        </form></main></body></html>
        """;
}
