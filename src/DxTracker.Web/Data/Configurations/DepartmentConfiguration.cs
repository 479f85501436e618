using DxTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxTracker.Web.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(Department.CodeMaxLength).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(Department.NameMaxLength).IsRequired();
        builder.Property(d => d.Reading).HasMaxLength(Department.ReadingMaxLength).IsRequired();
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => new { d.SortOrder, d.Reading });
        builder.HasIndex(d => d.Name).IsUnique();
        builder.HasMany(d => d.FormerNames).WithOne().HasForeignKey(f => f.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
