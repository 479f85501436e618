using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Data;

/// <summary>The one DbContext: handlers use it directly (docs/decisions/ADR-003).</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every instance (ADR-010).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<UserDepartment> UserDepartments => Set<UserDepartment>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<RatingGrade> RatingGrades => Set<RatingGrade>();

    public DbSet<PlanYear> PlanYears => Set<PlanYear>();

    public DbSet<Policy> Policies => Set<Policy>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<ItemDepartment> ItemDepartments => Set<ItemDepartment>();

    public DbSet<Kpi> Kpis => Set<Kpi>();

    public DbSet<KpiValue> KpiValues => Set<KpiValue>();

    public DbSet<YearlyEvaluation> Evaluations => Set<YearlyEvaluation>();

    public DbSet<EvaluationPart> EvaluationParts => Set<EvaluationPart>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<EntryDraft> EntryDrafts => Set<EntryDraft>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Keys from HiLo sequences are known before the insert, so the audit trail is written in the same save.
        builder.UseHiLo();
        // A block of a hundred keys per sequence value: an import of a 5,000-item plan takes a few thousand values, not
        // tens of thousands of round trips (issue 16). Blocks handed out before stay valid: each value still starts a block.
        builder.HasSequence(NpgsqlModelExtensions.DefaultHiLoSequenceName).IncrementsBy(100);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
        // timestamptz holds instants: whatever offset a caller used (JST), store UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(), value => value);
}
