using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// Sign-in through the municipality's OpenID Connect provider (Entra ID, AD FS, Keycloak …), beside local accounts
/// (ADR-012): the section <c>Authentication:Oidc</c>; off while <c>Authority</c> is empty. The provider says who the
/// person is; DxTracker finds its own account by one claim (<see cref="UserClaim"/>, compared with the user ID or the
/// e-mail address) and keeps roles and departments itself.
/// </summary>
public sealed record SingleSignOnOptions
{
    public const string Section = "Authentication:Oidc";

    public const string Scheme = "oidc";

    /// <summary>The <c>amr</c> claim of a session that began at the provider (<see cref="System.Security.Claims.ClaimTypes.AuthenticationMethod"/>).</summary>
    public const string AuthenticationMethod = "oidc";

    public const string CallbackPath = "/account/login/sso/callback";

    public const string CompletePath = "/account/login/sso/complete";

    public string? Authority { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>The client secret from a file (a container secret), instead of <see cref="ClientSecret"/>; read at the start.</summary>
    public string? ClientSecretFile { get; init; }

    /// <summary>How the sign-in page names the provider: 「庁内アカウントでログイン」.</summary>
    public string DisplayName { get; init; } = "庁内アカウント";

    /// <summary>The claim that names the DxTracker account (<c>preferred_username</c>, <c>email</c>, <c>upn</c> …).</summary>
    public string UserClaim { get; init; } = "preferred_username";

    /// <summary><see cref="SingleSignOnMatch.UserName"/> (the user ID) or <see cref="SingleSignOnMatch.Email"/>.</summary>
    public SingleSignOnMatch MatchBy { get; init; } = SingleSignOnMatch.UserName;

    /// <summary>Off only for a provider on the same machine without TLS (the tests').</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The provider's origin, which the sign-in form's redirect goes to (the CSP's form-action).</summary>
    public string? ProviderOrigin => Enabled ? new Uri(Authority!).GetLeftPart(UriPartial.Authority) : null;

    public static SingleSignOnOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var options = new SingleSignOnOptions
        {
            Authority = section["Authority"],
            ClientId = section["ClientId"],
            ClientSecret = section["ClientSecret"],
            ClientSecretFile = section["ClientSecretFile"],
            DisplayName = string.IsNullOrWhiteSpace(section["DisplayName"]) ? "庁内アカウント" : section["DisplayName"]!.Trim(),
            UserClaim = string.IsNullOrWhiteSpace(section["UserClaim"]) ? "preferred_username" : section["UserClaim"]!.Trim(),
            MatchBy = ParseMatch(section["MatchBy"]),
            RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true),
        };
        if (!options.Enabled)
        {
            return options;
        }
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && options.RequireHttpsMetadata))
        {
            throw Invalid("Authority", "https:// で始まる ID プロバイダーのアドレス");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw Invalid("ClientId", "ID プロバイダーに登録したクライアント ID");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecretFile))
        {
            return options;
        }
        // Read once at the start, so that a missing file stops the start instead of failing the first sign-in.
        return File.Exists(options.ClientSecretFile)
            ? options with { ClientSecret = File.ReadAllText(options.ClientSecretFile).TrimEnd('\r', '\n') }
            : throw Invalid("ClientSecretFile", "クライアントシークレットを書いた、読み取れるファイルのパス");
    }

    private static SingleSignOnMatch ParseMatch(string? value) => value?.Trim() switch
    {
        null or "" => SingleSignOnMatch.UserName,
        var v when Enum.TryParse<SingleSignOnMatch>(v, ignoreCase: true, out var match) && Enum.IsDefined(match) => match,
        _ => throw Invalid("MatchBy", "UserName（ユーザーID）または Email（メールアドレス）"),
    };

    private static InvalidOperationException Invalid(string key, string expected) =>
        new($"設定 {Section}:{key} には、{expected}を指定してください。");
}

public enum SingleSignOnMatch
{
    UserName,
    Email,
}

internal static partial class SingleSignOnRegistration
{
    /// <summary>
    /// The OpenID Connect handler when configured: the authorization code flow with PKCE, the answer in the query (a
    /// top-level GET, so the correlation cookies can be SameSite=Lax and work over HTTP on one machine as under HTTPS,
    /// where they are Secure), the provider's result kept only in Identity's short external cookie until
    /// <c>SingleSignOnSignIn</c> has found the account.
    /// </summary>
    public static IServiceCollection AddDxSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SingleSignOnOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<Features.Account.SingleSignOnSignIn>();
        if (!options.Enabled)
        {
            return services;
        }
        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, options.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add(OpenIdConnectScope.OpenId);
            o.Scope.Add(OpenIdConnectScope.OpenIdProfile);
            o.Scope.Add(OpenIdConnectScope.Email);
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.CallbackPath = SingleSignOnOptions.CallbackPath;
            o.SignedOutCallbackPath = "/account/login/sso/signed-out";
            o.RemoteSignOutPath = "/account/login/sso/remote-sign-out";
            o.CorrelationCookie.Name = "DxTracker.Sso.Correlation.";
            o.NonceCookie.Name = "DxTracker.Sso.Nonce.";
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
            o.Events.OnRemoteFailure = async context =>
            {
                var services = context.HttpContext.RequestServices;
                LogRemoteFailure(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnRegistration)), context.Failure);
                await services.GetRequiredService<SecurityEvents>().RecordAsync(SecurityActions.SignInFailed, SecurityActor.Unknown, null, null,
                    $"シングルサインオン：ID プロバイダーでのログインまたはその応答の確認に失敗（{context.Failure?.GetType().Name}）");
                context.Response.Redirect("/account/login?sso=failed");
                context.HandleResponse();
            };
        });
        return services;
    }

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Single sign-on failed at the identity provider or on its answer")]
    private static partial void LogRemoteFailure(ILogger logger, Exception? failure);
}
