namespace DxTracker.Web.Components;

/// <summary>Claims DxTracker adds to the sign-in cookie.</summary>
public static class DxClaimTypes
{
    public const string DisplayName = "dx:display_name";
    public const string MustChangePassword = "dx:must_change_password";

    /// <summary>The server-side session the request or circuit belongs to (added when the ticket is read from the store).</summary>
    public const string SessionKey = "dx:session";
}
