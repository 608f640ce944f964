using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Auditing;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Messaging;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Data;

/// <summary>
/// The one DbContext. Each database provider derives from it (in Infrastructure) only to own its
/// migrations; the model is defined here, once, for both.
/// </summary>
public class AppDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Hub> Hubs => Set<Hub>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralPerson> ReferralPeople => Set<ReferralPerson>();
    public DbSet<ContactAttempt> ContactAttempts => Set<ContactAttempt>();
    public DbSet<ProgrammeCriterion> ProgrammeCriteria => Set<ProgrammeCriterion>();
    public DbSet<SignpostingEntry> SignpostingEntries => Set<SignpostingEntry>();
    public DbSet<ReferralStatusChange> ReferralStatusChanges => Set<ReferralStatusChange>();
    public DbSet<Screening> Screenings => Set<Screening>();
    public DbSet<ReferralSignposting> ReferralSignposting => Set<ReferralSignposting>();
    public DbSet<CaseAllocation> CaseAllocations => Set<CaseAllocation>();
    public DbSet<DuplicateReview> DuplicateReviews => Set<DuplicateReview>();
    public DbSet<PanelMeeting> PanelMeetings => Set<PanelMeeting>();
    public DbSet<PanelCase> PanelCases => Set<PanelCase>();
    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<TherapySession> TherapySessions => Set<TherapySession>();
    public DbSet<SessionExtension> SessionExtensions => Set<SessionExtension>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<CaseNoteAddendum> CaseNoteAddenda => Set<CaseNoteAddendum>();
    public DbSet<SupervisionRecord> SupervisionRecords => Set<SupervisionRecord>();
    public DbSet<RiskAlert> RiskAlerts => Set<RiskAlert>();
    public DbSet<CaseTask> CaseTasks => Set<CaseTask>();
    public DbSet<Instrument> Instruments => Set<Instrument>();
    public DbSet<ProgrammeInstrument> ProgrammeInstruments => Set<ProgrammeInstrument>();
    public DbSet<QuestionnaireRequest> QuestionnaireRequests => Set<QuestionnaireRequest>();
    public DbSet<QuestionnaireResponse> QuestionnaireResponses => Set<QuestionnaireResponse>();
    public DbSet<QuestionnaireAnswer> QuestionnaireAnswers => Set<QuestionnaireAnswer>();
    public DbSet<QuestionnaireScore> QuestionnaireScores => Set<QuestionnaireScore>();
    public DbSet<Domain.Reporting.ReportRun> ReportRuns => Set<Domain.Reporting.ReportRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Domain.Imports.ImportBatch> ImportBatches => Set<Domain.Imports.ImportBatch>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
        {
            // Name searches compare the normalised keys as ranges by code point, as SQLite does: a binary collation
            // makes SQL Server agree (its default collation ignores or reorders some characters).
            var person = builder.Entity<ReferralPerson>();
            person.Property(p => p.SearchFirstName).UseCollation("Latin1_General_100_BIN2");
            person.Property(p => p.SearchLastName).UseCollation("Latin1_General_100_BIN2");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Store enums by their stable numbers, times as UTC DateTime (SQLite cannot order DateTimeOffset).
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Keeps derived columns in step, and keeps the audit log append-only (the database refuses updates and deletes
    /// too: see migrations).
    /// </summary>
    private void BeforeSave()
    {
        // Search and duplicate keys follow the names and contact details, whoever changed them.
        foreach (var person in ChangeTracker.Entries<ReferralPerson>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            person.Entity.UpdateSearchKeys();
        }
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
    }
}
