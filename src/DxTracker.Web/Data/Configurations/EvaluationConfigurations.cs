using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxTracker.Web.Data.Configurations;

internal sealed class YearlyEvaluationConfiguration : IEntityTypeConfiguration<YearlyEvaluation>
{
    public void Configure(EntityTypeBuilder<YearlyEvaluation> builder)
    {
        builder.ToTable("Evaluations");
        builder.HasIndex(e => new { e.ItemId, e.FiscalYear }).IsUnique();
        builder.HasIndex(e => new { e.PlanId, e.FiscalYear, e.Status });
        builder.Property(e => e.SelfRating).HasMaxLength(RatingGrade.CodeMaxLength);
        builder.Property(e => e.FinalRating).HasMaxLength(RatingGrade.CodeMaxLength);
        builder.Property(e => e.FinalRatingReason).HasMaxLength(YearlyEvaluation.ReasonMaxLength);
        builder.Property(e => e.ReturnComment).HasMaxLength(YearlyEvaluation.CommentMaxLength);
        builder.Property(e => e.ApprovedBy).HasMaxLength(256);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Plan>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        // A rating must be a grade of the item's plan: composite keys against (PlanId, Code) of the scale.
        builder.HasOne<RatingGrade>().WithMany().HasForeignKey(e => new { e.PlanId, e.SelfRating })
            .HasPrincipalKey(g => new { g.PlanId, g.Code }).OnDelete(DeleteBehavior.Restrict).HasConstraintName("FK_Evaluations_SelfRating");
        builder.HasOne<RatingGrade>().WithMany().HasForeignKey(e => new { e.PlanId, e.FinalRating })
            .HasPrincipalKey(g => new { g.PlanId, g.Code }).OnDelete(DeleteBehavior.Restrict).HasConstraintName("FK_Evaluations_FinalRating");
        builder.HasMany(e => e.Parts).WithOne().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(e => e.EffectiveRating);
        builder.Ignore(e => e.IsEditable);
    }
}

internal sealed class EvaluationPartConfiguration : IEntityTypeConfiguration<EvaluationPart>
{
    public void Configure(EntityTypeBuilder<EvaluationPart> builder)
    {
        builder.Property(p => p.ResultText).HasMaxLength(EvaluationPart.TextMaxLength);
        builder.Property(p => p.ImprovementText).HasMaxLength(EvaluationPart.TextMaxLength);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.EvaluationId, p.DepartmentId }).IsUnique();
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EntryDraftConfiguration : IEntityTypeConfiguration<EntryDraft>
{
    public void Configure(EntityTypeBuilder<EntryDraft> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.ResultText).HasMaxLength(EvaluationPart.TextMaxLength);
        builder.Property(d => d.ImprovementText).HasMaxLength(EvaluationPart.TextMaxLength);
        builder.Property(d => d.SelfRating).HasMaxLength(RatingGrade.CodeMaxLength);
        builder.Property(d => d.LoadedJson).HasColumnType("jsonb");
        builder.Property(d => d.KpiActualsJson).HasColumnType("jsonb");
        builder.Ignore(d => d.KpiActuals);
        builder.HasIndex(d => new { d.UserId, d.ItemId, d.FiscalYear, d.DepartmentId }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Field).HasMaxLength(100);
        builder.HasIndex(a => new { a.ItemId, a.At });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        // The administrators' security log reads one entity type, newest first.
        builder.HasIndex(a => new { a.EntityType, a.At });
    }
}
