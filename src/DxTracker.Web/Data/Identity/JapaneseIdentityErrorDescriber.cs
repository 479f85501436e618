using Microsoft.AspNetCore.Identity;

namespace DxTracker.Web.Data.Identity;

/// <summary>Identity's messages in Japanese: users read these next to the password and user fields.</summary>
internal sealed class JapaneseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "処理に失敗しました。もう一度お試しください。");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "ほかの人が同時に更新しました。画面を開き直してください。");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "パスワードが正しくありません。");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "トークンが無効です。");
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "このログインは既に別のユーザーに関連付けられています。");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"ユーザーID「{userName}」は使用できません。半角英数字と - _ . @ で入力してください。");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"メールアドレス「{email}」の形式が正しくありません。");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"ユーザーID「{userName}」は既に使われています。");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"メールアドレス「{email}」は既に使われています。");
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"ロール名「{role}」は使用できません。");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"ロール名「{role}」は既に使われています。");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "このユーザーには既にパスワードが設定されています。");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "このユーザーはロックアウトが有効になっていません。");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"このユーザーは既に「{Domain.Roles.DisplayName(role)}」の権限を持っています。");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"このユーザーは「{Domain.Roles.DisplayName(role)}」の権限を持っていません。");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"パスワードは{length}文字以上にしてください。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"パスワードには{uniqueChars}種類以上の文字を使ってください。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "パスワードには記号を1文字以上含めてください。");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "パスワードには数字（0-9）を1文字以上含めてください。");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "パスワードには英小文字（a-z）を1文字以上含めてください。");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "パスワードには英大文字（A-Z）を1文字以上含めてください。");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "リカバリーコードが正しくありません。");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
