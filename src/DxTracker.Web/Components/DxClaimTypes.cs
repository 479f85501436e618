namespace DxTracker.Web.Components;

/// <summary>Claims DxTracker adds to the sign-in cookie.</summary>
public static class DxClaimTypes
{
    public const string DisplayName = "dx:display_name";
    public const string MustChangePassword = "dx:must_change_password";

    /// <summary>The user's role requires two-factor sign-in and it is not set up yet (<see cref="Infrastructure.Auth.TwoFactorPolicy"/>).</summary>
    public const string MustSetUpTwoFactor = "dx:must_set_up_two_factor";

    /// <summary>The server-side session the request or circuit belongs to (added when the ticket is read from the store).</summary>
    public const string SessionKey = "dx:session";
}
