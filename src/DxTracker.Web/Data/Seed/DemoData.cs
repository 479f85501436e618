using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Data.Seed;

/// <summary>
/// Demo data for trying DxTracker out: departments, one account per role, and the Tokushima plan with its
/// published FY2020 results (確定) and FY2021 open for entry. Loaded only when <c>DxTracker:DemoData</c> is
/// true and the database has no users; never part of production configuration.
/// </summary>
internal static partial class DemoData
{
    /// <summary>The demo accounts' shared password, printed by the run command and listed in README.</summary>
    public const string Password = "demo-pass-2026";

    /// <summary>The plan the demo loads from <c>DemoData/tokushima-r2-results.json</c> through the importer.</summary>
    public const string PlanName = "徳島市情報化基本計画";

    public const string Municipality = "徳島市";

    /// <summary>The year whose results the demo plan holds as published (確定).</summary>
    public const int PublishedYear = 2020;

    /// <summary>The year open for entry in the demo, and its deadline.</summary>
    public const int OpenYear = 2021;

    public static readonly DateOnly OpenYearDeadline = new(2022, 5, 31);

    private const string TokushimaResource = "DxTracker.Web.DemoData.tokushima-r2-results.json";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "管理 太郎", Roles.Admin, null),
        new("reviewer", "推進 花子", Roles.Reviewer, "デジタル推進課"),
        new("editor", "総務 一郎", Roles.Editor, "総務課"),
        new("editor2", "住宅 次郎", Roles.Editor, "住宅課"),
        new("viewer", "閲覧 三郎", Roles.Viewer, null),
    ];

    private static readonly (string Code, string Name, string Reading)[] DemoDepartments =
    [
        ("D010", "デジタル推進課", "でじたるすいしんか"),
        ("D020", "総務課", "そうむか"),
        ("D030", "住宅課", "じゅうたくか"),
    ];

    /// <summary>Once the server listens, tells the person who started it where to open it and how to sign in.</summary>
    public static void PrintWelcomeWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
            var lines = new List<string>
            {
                string.Empty,
                "============================================================",
                $" DxTracker を起動しました: {url}",
                " ブラウザーで開き、次のデモアカウントでログインしてください。",
                $" パスワード（共通）: {Password}",
            };
            lines.AddRange(Accounts.Select(a => $"   {a.UserName,-9} {a.DisplayName}　{Roles.DisplayName(a.Role)}{(a.Department is null ? string.Empty : $"／所属: {a.Department}")}"));
            lines.Add(" 停止するには Ctrl+C を押してください（データは次回も残ります）。");
            lines.Add("============================================================");
            Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }

    public static async Task LoadIfEmptyAsync(IServiceProvider services, bool scenario = false)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("DxTracker.DemoData");
        if (await db.Users.AnyAsync())
        {
            LogAlreadyLoaded(logger);
            return;
        }

        var departments = new Dictionary<string, Department>();
        var order = 0;
        foreach (var (code, name, reading) in DemoDepartments)
        {
            var existing = await db.Departments.SingleOrDefaultAsync(d => d.Name == name);
            departments[name] = existing ?? db.Departments.Add(new Department(code, name, reading, order += 10)).Entity;
        }
        await db.SaveChangesAsync();

        var roleManager = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Ensure(await roleManager.CreateAsync(new IdentityRole(role)));
            }
        }

        var userManager = services.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var account in Accounts)
        {
            var user = new ApplicationUser { UserName = account.UserName, DisplayName = account.DisplayName };
            if (account.Department is { } departmentName)
            {
                user.Departments.Add(new UserDepartment { DepartmentId = departments[departmentName].Id });
            }
            Ensure(await userManager.CreateAsync(user, Password));
            Ensure(await userManager.AddToRoleAsync(user, account.Role));
        }

        // The plan goes through the importer like any municipality's file; departments match the demo users' by name.
        var result = await services.GetRequiredService<PlanImporter>().ImportAsync(TokushimaResults());
        if (result.Summary is not { } summary)
        {
            throw new InvalidOperationException("The demo plan could not be imported: " + string.Join(" / ", result.Problems));
        }
        var plan = await db.Plans.Include(p => p.Years).SingleAsync(p => p.Id == summary.PlanId);
        plan.AddYear(new FiscalYear(OpenYear)).OpenForEntry(OpenYearDeadline);
        await db.SaveChangesAsync();
        if (scenario)
        {
            await DemoScenario.ApplyAsync(db, services.GetRequiredService<TimeProvider>());
        }
        LogLoaded(logger, Accounts.Count, summary.PlanName);
    }

    /// <summary>The published FY2020 results of Tokushima's plan (tokushima-r2-results.json), as stored in the assembly.</summary>
    public static byte[] TokushimaResults()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(TokushimaResource)
            ?? throw new InvalidOperationException($"Embedded resource {TokushimaResource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "デモデータを読み込みました（アカウント {Count} 件、計画「{PlanName}」）。")]
    private static partial void LogLoaded(ILogger logger, int count, string planName);

    [LoggerMessage(Level = LogLevel.Information, Message = "データベースにはすでにデータがあるため、デモデータは読み込みません。")]
    private static partial void LogAlreadyLoaded(ILogger logger);
}

internal sealed record DemoAccount(string UserName, string DisplayName, string Role, string? Department);
