using DxTracker.Web.Data.Identity;

namespace DxTracker.Tests.Web;

/// <summary>NIST SP 800-63B: length over composition, no common or user-derived passwords (the ones the first version accepted).</summary>
public sealed class PasswordPolicyTests
{
    private static readonly ApplicationUser Editor = new() { UserName = "editor", DisplayName = "総務 一郎" };

    [Theory]
    [InlineData("password12")]
    [InlineData("Password2026")]
    [InlineData("p@ssw0rd-2026")]
    [InlineData("qwerty123456")]
    [InlineData("tokushima2026")]
    public void Common_passwords_are_refused(string password) =>
        Assert.Equal("よく使われていて推測されやすいパスワードです。別のパスワードにしてください。", PasswordPolicy.ProblemOf(Editor, password));

    [Theory]
    [InlineData("1234567890a")]
    [InlineData("111111111111")]
    [InlineData("2026-12-01-ab")]
    public void Digits_with_a_letter_or_two_are_refused(string password) =>
        Assert.StartsWith("数字や記号の並びに短い英字を付けただけのパスワードは使えません。", PasswordPolicy.ProblemOf(Editor, password), StringComparison.Ordinal);

    [Theory]
    [InlineData("editor-2026-x")]
    [InlineData("myEDITORpass99")]
    public void Passwords_built_from_the_user_ID_are_refused(string password) =>
        Assert.Equal("ユーザーIDや氏名を含むパスワードは使えません。", PasswordPolicy.ProblemOf(Editor, password));

    [Theory]
    [InlineData("demo-pass-2026")]
    [InlineData("blue river stone")]
    [InlineData("かわのながれはたえずして")]
    [InlineData("temporary-2026")]
    public void Long_passphrases_are_accepted_without_composition_rules(string password) =>
        Assert.Null(PasswordPolicy.ProblemOf(Editor, password));
}
