using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Components.Mud;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;

namespace DxTracker.Web.Infrastructure;

internal static class ServiceRegistration
{
    public const string ConnectionStringName = "DxTracker";

    /// <summary>Npgsql settings shared by the app and everything else that opens the database (tests, tools).</summary>
    public static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history");

    public static IServiceCollection AddDxData(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitPrincipal>();
        services.AddScoped<ICurrentActor, SignedInActor>();
        services.AddScoped<AuditInterceptor>();
        // One context per operation: handlers create one from the factory for each call (a circuit lives as long as
        // its tab, so a scoped context would live that long too). The factory is scoped so that the audit trail sees
        // the scope's user; it also registers AppDbContext itself as scoped, for request-bound code (Identity, endpoints).
        // The connection string is read when the context is first built, so hosts and tests can supply it late.
        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = ConnectionStringFrom(configuration);
            options.UseNpgsql(connectionString, ConfigureNpgsql);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        }, ServiceLifetime.Scoped);
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddSingleton(sp => ImportLimits.From(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<PlanImporter>();
        return services;
    }

    /// <summary>
    /// The connection string with the pool limit, and the password from <c>Database:PasswordFile</c> when set (a Docker
    /// or systemd secret file), so that no password needs to be in the environment or a configuration file.
    /// </summary>
    public static string? ConnectionStringFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = WithPoolLimit(configuration.GetConnectionString(ConnectionStringName), configuration.GetValue<int?>("Database:MaxPoolSize"));
        if (configuration["Database:PasswordFile"] is { Length: > 0 } passwordFile && !string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = File.ReadAllText(passwordFile).Trim() }.ConnectionString;
        }
        return connectionString;
    }

    /// <summary>Connections per instance when neither the connection string nor Database:MaxPoolSize says otherwise.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// Caps the connection pool below what PostgreSQL accepts (its default max_connections is 100, and migrations,
    /// backups and other instances need some): a burst of saves then waits for a free connection instead of being
    /// refused by the server (the 503 page). A pool size written in the connection string is kept.
    /// </summary>
    public static string? WithPoolLimit(string? connectionString, int? maxPoolSize)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
            || k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize ?? DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>The shortest password accepted (NIST SP 800-63B asks for at least 8; 12 leaves room for passphrases).</summary>
    public const int PasswordMinimumLength = 12;

    public static IServiceCollection AddDxIdentity(this IServiceCollection services)
    {
        services.AddSingleton(sp => TwoFactorPolicy.From(sp.GetRequiredService<IConfiguration>()));
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                // Length over composition (NIST SP 800-63B); common and user-derived passwords are refused by PasswordPolicy.
                options.Password.RequiredLength = PasswordMinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Guessing is slowed per client (SignInThrottle, the sign-in rate limit); the account itself locks only
                // after 100 consecutive failures, so nobody can keep a colleague locked out with a few wrong passwords.
                options.Lockout.MaxFailedAccessAttempts = 100;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddErrorDescriber<JapaneseIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddUserConfirmation<ActiveUserConfirmation>()
            .AddClaimsPrincipalFactory<DxClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "DxTracker.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (directly, or as a configured reverse proxy forwards it).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Sliding within the idle timeout, and never past the absolute lifetime (both in SessionLifetimeOptions,
            // enforced by the server-side session store).
            options.SlidingExpiration = true;
            // Pages get the sign-in redirect and a 403 page; the JSON API gets plain status codes.
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    // A relative Location: the Host header (which a client chooses) never goes into a redirect.
                    context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri);
                }
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // A deactivated user or a reset password ends existing sessions within five minutes.
        // The refreshed principal keeps how the session began (a single sign-on session stays one, RequiredStepGate).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(ClaimTypes.AuthenticationMethod) is { } method
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod))
                {
                    identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Review, p => p.RequireRole(Roles.Reviewer, Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddOptions<RevalidationOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (configuration.GetValue<double?>("Authentication:RevalidationMinutes") is { } minutes)
            {
                o.Interval = TimeSpan.FromMinutes(minutes);
            }
        });
        services.AddDxSessions();
        services.AddSingleton<SignInThrottle>();

        services.AddScoped<SecurityEvents>();
        services.AddScoped<Features.Account.PasswordSignIn>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddScoped<ConnectionLoss>();
        services.AddScoped<CircuitHandler, ConnectionLossCircuitHandler>();
        return services;
    }

    public static IServiceCollection AddDxWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Cookie and antiforgery keys must outlive a restart and be the same on every instance: in PostgreSQL with
        // DataProtection:Store=Database (several instances), else in the folder DataProtection:KeysPath names (the
        // container's volume), else in the user profile. The database store needs the database to read the key ring
        // once, at the first request: a single instance keeps its keys in a folder, so that its sign-in page still
        // says "database unavailable" in Japanese when it starts during an outage.
        var protection = services.AddDataProtection().SetApplicationName("DxTracker");
        if (string.Equals(configuration["DataProtection:Store"], "Database", StringComparison.OrdinalIgnoreCase))
        {
            protection.PersistKeysToDbContext<AppDbContext>();
        }
        else if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddDxReverseProxy(configuration);
        services.AddDxSignInRateLimit(configuration);

        // Without this, Razor output escapes every Japanese character as &#x...; (three times the size).
        var encoder = HtmlEncoder.Create(UnicodeRanges.All);
        services.AddSingleton(encoder);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // The same for the JSON API: Japanese as it is, not as \uXXXX escapes.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // A tab whose connection dropped (network blip, laptop lid) can rejoin for three minutes; drafts are saved
                // on the server as they are typed, so nothing depends on a circuit outliving that.
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.DisconnectedCircuitMaxRetained = 200;
                options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                options.DetailedErrors = false;
            })
            .AddHubOptions(options =>
            {
                // A long result text is sent whole as it is typed (SignalR default 32 KB is about 10,000 Japanese characters).
                options.MaximumReceiveMessageSize = 512 * 1024;
            });
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
            options.SnackbarConfiguration.ShowCloseIcon = true;
        });
        services.AddTransient<MudLocalizer, JapaneseMudLocalizer>();
        services.AddSingleton<ActionMetrics>();
        services.AddScoped<ActionLog>();
        services.AddScoped<Features.Plans.ListPlans.PlanListQuery>();
        services.AddScoped<Features.Evaluations.CurrentUser>();
        services.AddScoped<Features.Evaluations.EnterResult.EnterResultHandler>();
        services.AddScoped<Features.Home.StartPageQuery>();
        services.AddScoped<Features.Evaluations.ReviewEvaluation.ReviewHandler>();
        services.AddScoped<Features.Evaluations.BulkApproval.BulkApprovalHandler>();
        services.AddScoped<Features.Evaluations.ManageYear.ManageYearHandler>();
        services.AddScoped<Features.Plans.PlanPageQuery>();
        services.AddScoped<Features.Plans.ItemPageQuery>();
        services.AddScoped<Features.Evaluations.ItemHistoryQuery>();
        services.AddScoped<Features.Admin.Users.UserAdministration>();
        services.AddScoped<Features.Account.SessionAdministration>();
        services.AddScoped<Features.Account.TwoFactorSetup>();
        services.AddScoped<Features.Admin.Security.SecurityLogQuery>();
        services.AddScoped<Features.Admin.Departments.DepartmentAdministration>();
        services.AddScoped<Features.Reports.AnnualReportQuery>();
        services.AddScoped<Features.Admin.Plans.PlanAdminOperations>();
        services.AddScoped<Features.Admin.Plans.PlanAdministration>();
        services.AddScoped<Features.Admin.Plans.ItemAdministration>();
        services.AddScoped<Features.Admin.Plans.KpiAdministration>();
        services.AddScoped<Features.Admin.Plans.ScaleAdministration>();
        services.AddScoped<Features.Admin.Plans.PlanSuccession>();
        services.AddScoped<Features.Admin.Plans.WorkbookImport>();
        services.AddScoped<OperationScopes>();
        services.AddScoped<Features.Import.PlanFileImport>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "DxTracker.Antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}

/// <summary>Authorization policy names.</summary>
internal static class Policies
{
    public const string Admin = "Admin";
    public const string Review = "Review";
}
