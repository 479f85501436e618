using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace DxTracker.Web.Features.Account;

/// <summary>
/// <c>dotnet DxTracker.Web.dll create-admin USER_ID "氏名"</c> (or <c>dotnet run --project src/DxTracker.Web -- create-admin …</c>):
/// the first administrator of a new database, without demo data. The password comes from the environment variable
/// <c>DXTRACKER_ADMIN_PASSWORD</c> or from standard input (one line), never from the command line (it would stay in
/// the shell history and the process list); it must pass the password policy. Creates the roles when missing. Exits 0
/// when created, 1 when refused (the user ID exists, a weak password), 3 when the database cannot be reached.
/// </summary>
internal static class CreateAdminCommand
{
    public const string PasswordVariable = "DXTRACKER_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments)
    {
        if (arguments.Count is < 1 or > 2 || string.IsNullOrWhiteSpace(arguments[0]))
        {
            await Console.Error.WriteLineAsync("使い方: create-admin ユーザーID [氏名]（パスワードは環境変数 DXTRACKER_ADMIN_PASSWORD か標準入力から）");
            return 1;
        }
        var userName = arguments[0].Trim();
        var displayName = arguments.Count > 1 && !string.IsNullOrWhiteSpace(arguments[1]) ? arguments[1].Trim() : userName;
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await Console.Out.WriteLineAsync($"「{userName}」のパスワードを入力してください（12文字以上）:");
            password = await Console.In.ReadLineAsync();
        }
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("パスワードが入力されませんでした。管理者は作成していません。");
            return 1;
        }

        try
        {
            await DatabaseStartup.MigrateIfConfiguredAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (await users.FindByNameAsync(userName) is not null)
            {
                await Console.Error.WriteLineAsync($"ユーザーID「{userName}」は既に使われています。管理者は作成していません。");
                return 1;
            }
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }
            var user = new ApplicationUser { UserName = userName, DisplayName = displayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync($"作成できませんでした: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                return 1;
            }
            await users.AddToRoleAsync(user, Roles.Admin);
            services.GetRequiredService<SecurityEvents>().Add(db, SecurityActions.UserCreated, new SecurityActor(null, "create-admin"), user.Id, user.UserName, "権限：管理者（コマンドラインから作成）");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            await Console.Out.WriteLineAsync($"管理者「{userName}」（{displayName}）を作成しました。ブラウザーでこのユーザーIDとパスワードでログインしてください。");
            return 0;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"データベースに接続できません: {e.Message}");
            return 3;
        }
    }
}
