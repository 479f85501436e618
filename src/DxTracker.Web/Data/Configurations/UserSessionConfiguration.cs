using DxTracker.Web.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxTracker.Web.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(UserSession.KeyLength);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        builder.Property(s => s.Address).HasMaxLength(UserSession.AddressMaxLength);
        builder.Property(s => s.EndReason).HasMaxLength(40);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.HasIndex(s => s.AbsoluteExpiresAt);
    }
}
