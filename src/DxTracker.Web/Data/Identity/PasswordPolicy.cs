using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace DxTracker.Web.Data.Identity;

/// <summary>
/// Passwords as NIST SP 800-63B asks: length rather than composition (Identity's own length check), and no password
/// that is common, built from the account's own names, a row of digits with a letter, or the current password again.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
{
    /// <summary>Below this many letters a password is digits and symbols with a word at most as short as "abc".</summary>
    private const int MinimumLetters = 4;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonWords);

    /// <summary>What people put before and after a word (「password」+「2026!」): removed before substitutions are undone.</summary>
    private static readonly char[] Affixes = "0123456789!#%&*-_.+=?~^ ".ToCharArray();

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var problem = ProblemOf(user, password);
        if (problem is null && user.PasswordHash is { } hash && manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
        {
            problem = "現在と同じパスワードは使えません。";
        }
        return Task.FromResult(problem is null ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = problem }));
    }

    /// <summary>Why the password may not be used (null when it may); checks that need no database.</summary>
    internal static string? ProblemOf(ApplicationUser user, string password)
    {
        if (password.Length > 128)
        {
            return "パスワードは128文字以内にしてください。";
        }
        var letters = Letters(password, undoSubstitutions: false);
        var plain = Letters(password.Trim(Affixes), undoSubstitutions: true);
        if (letters.Length < MinimumLetters || password.Distinct().Count() < 4)
        {
            return "数字や記号の並びに短い英字を付けただけのパスワードは使えません。覚えやすい単語をいくつか組み合わせた、長めのパスワードにしてください。";
        }
        if (Common.Value.Contains(letters) || Common.Value.Contains(plain))
        {
            return "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。";
        }
        foreach (var name in OwnNames(user))
        {
            if (password.Contains(name, StringComparison.OrdinalIgnoreCase) || letters == Letters(name, false))
            {
                return "ユーザーIDや氏名を含むパスワードは使えません。";
            }
        }
        return null;
    }

    private static IEnumerable<string> OwnNames(ApplicationUser user) =>
        new[] { user.UserName, user.DisplayName }
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .SelectMany(n => n!.Split([' ', '　', '.', '_', '-', '@'], StringSplitOptions.RemoveEmptyEntries).Append(n!.Trim()))
            .Where(n => n.Length >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The password's letters in lower case, optionally after undoing 0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s.</summary>
    private static string Letters(string text, bool undoSubstitutions)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var letter = undoSubstitutions ? c switch
            {
                '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', _ => c,
            } : c;
            if (char.IsLetter(letter))
            {
                result.Append(letter);
            }
        }
        return result.ToString();
    }

    private static HashSet<string> LoadCommonWords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DxTracker.Web.Data.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim());
            }
        }
        return words;
    }
}
