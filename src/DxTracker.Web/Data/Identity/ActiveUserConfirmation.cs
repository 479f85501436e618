using Microsoft.AspNetCore.Identity;

namespace DxTracker.Web.Data.Identity;

/// <summary>Only active accounts may sign in (Identity reports the others as NotAllowed).</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(user.IsActive);
}
