using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxTracker.Web.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Plan.NameMaxLength);
        builder.Property(p => p.Subtitle).HasMaxLength(Plan.SubtitleMaxLength);
        builder.Property(p => p.Municipality).HasMaxLength(Plan.MunicipalityMaxLength);
        builder.Property(p => p.PolicyLabel).HasMaxLength(Plan.LabelMaxLength);
        builder.Property(p => p.CategoryLabel).HasMaxLength(Plan.LabelMaxLength);
        builder.Property(p => p.ItemLabel).HasMaxLength(Plan.LabelMaxLength);
        builder.Property(p => p.PhaseNames).HasMaxLength(Plan.PhaseNamesMaxLength);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.Municipality, p.Name }).IsUnique();
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PredecessorPlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Grades).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Revisions).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Policies).WithOne().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Years).WithOne().HasForeignKey(y => y.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.FiscalYears);
        builder.Ignore(p => p.Scale);
        builder.Ignore(p => p.OutcomeMarks);
        builder.Ignore(p => p.Phases);
        builder.ToTable(t => t.HasCheckConstraint("CK_Plans_Period", "\"EndYear\" >= \"StartYear\""));
    }
}

internal sealed class RatingGradeConfiguration : IEntityTypeConfiguration<RatingGrade>
{
    public void Configure(EntityTypeBuilder<RatingGrade> builder)
    {
        builder.Property(g => g.Code).HasMaxLength(RatingGrade.CodeMaxLength);
        builder.Property(g => g.Label).HasMaxLength(RatingGrade.LabelMaxLength);
        builder.Property(g => g.Definition).HasMaxLength(RatingGrade.DefinitionMaxLength);
        // The key evaluations reference, so that a rating must belong to the plan's scale.
        builder.HasAlternateKey(g => new { g.PlanId, g.Code });
    }
}

internal sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> builder) =>
        builder.Property(r => r.Note).HasMaxLength(PlanRevision.NoteMaxLength);
}

internal sealed class PlanYearConfiguration : IEntityTypeConfiguration<PlanYear>
{
    public void Configure(EntityTypeBuilder<PlanYear> builder)
    {
        builder.HasIndex(y => new { y.PlanId, y.FiscalYear }).IsUnique();
        builder.Property(y => y.Conclusion).HasMaxLength(PlanYear.ConclusionMaxLength);
        builder.Property(y => y.Version).IsRowVersion();
        builder.Ignore(y => y.Year);
        builder.Ignore(y => y.IsClosed);
    }
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(Policy.TitleMaxLength);
        builder.HasIndex(p => new { p.PlanId, p.Number }).IsUnique();
        builder.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(Category.NumberMaxLength);
        builder.Property(c => c.Title).HasMaxLength(Category.TitleMaxLength);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(ActionItem.NumberMaxLength);
        builder.Property(i => i.Title).HasMaxLength(ActionItem.TitleMaxLength);
        builder.Property(i => i.Content).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(i => i.Goal).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(i => i.Overview).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(i => i.Purpose).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(i => i.Outcome).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(i => i.StatusReason).HasMaxLength(ActionItem.ReasonMaxLength);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => new { i.PlanId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.PlanId, i.SortOrder });
        builder.HasOne<Plan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Policy>().WithMany().HasForeignKey(i => i.PolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(i => i.MergedIntoItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(i => i.PredecessorItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Departments).WithOne().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Schedule).WithOne().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Kpis).WithOne().HasForeignKey(k => k.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.StatusLabel);
        builder.ToTable(t => t.HasCheckConstraint("CK_ActionItems_NotMergedIntoItself", "\"MergedIntoItemId\" IS NULL OR \"MergedIntoItemId\" <> \"Id\""));
    }
}

internal sealed class ItemDepartmentConfiguration : IEntityTypeConfiguration<ItemDepartment>
{
    public void Configure(EntityTypeBuilder<ItemDepartment> builder)
    {
        builder.HasKey(d => new { d.ItemId, d.DepartmentId });
        builder.HasIndex(d => d.DepartmentId);
        builder.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SchedulePhaseConfiguration : IEntityTypeConfiguration<SchedulePhase>
{
    public void Configure(EntityTypeBuilder<SchedulePhase> builder)
    {
        builder.Property(s => s.Phase).HasMaxLength(SchedulePhase.PhaseMaxLength);
        builder.HasIndex(s => new { s.ItemId, s.FiscalYear }).IsUnique();
    }
}

internal sealed class KpiConfiguration : IEntityTypeConfiguration<Kpi>
{
    public void Configure(EntityTypeBuilder<Kpi> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(Kpi.NameMaxLength);
        builder.Property(k => k.Unit).HasMaxLength(Kpi.UnitMaxLength);
        builder.Property(k => k.BaselineText).HasMaxLength(Kpi.TextMaxLength);
        builder.Property(k => k.BaselineValue).HasPrecision(18, 4);
        builder.Property(k => k.Version).IsRowVersion();
        builder.HasOne<Kpi>().WithMany().HasForeignKey(k => k.ReplacedByKpiId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(k => k.Values).WithOne().HasForeignKey(v => v.KpiId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KpiValueConfiguration : IEntityTypeConfiguration<KpiValue>
{
    public void Configure(EntityTypeBuilder<KpiValue> builder)
    {
        builder.Property(v => v.PlannedValue).HasPrecision(18, 4);
        builder.Property(v => v.ActualValue).HasPrecision(18, 4);
        builder.Property(v => v.PlannedText).HasMaxLength(Kpi.TextMaxLength);
        builder.Property(v => v.ActualText).HasMaxLength(Kpi.TextMaxLength);
        builder.Property(v => v.PlannedName).HasMaxLength(Kpi.NameMaxLength);
        builder.Property(v => v.ActualName).HasMaxLength(Kpi.NameMaxLength);
        builder.HasIndex(v => new { v.KpiId, v.FiscalYear }).IsUnique();
        builder.Ignore(v => v.HasActual);
        builder.Ignore(v => v.HasPlanned);
    }
}

internal sealed class DepartmentFormerNameConfiguration : IEntityTypeConfiguration<DepartmentFormerName>
{
    public void Configure(EntityTypeBuilder<DepartmentFormerName> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(Department.NameMaxLength);
        builder.HasIndex(f => new { f.DepartmentId, f.UntilYear }).IsUnique();
    }
}
