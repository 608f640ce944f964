using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Data;

// The case after allocation (issue 4). Children of Referral, deleted with it (never in practice: retention is by
// anonymisation). Free text has generous limits; clinical text is never indexed.

internal sealed class ReferralCaseConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(r => r.EndingNote).HasMaxLength(2000);
        b.Ignore(r => r.CurrentAllocations);
        b.Ignore(r => r.CaseTherapists);
        b.Ignore(r => r.IsCase);
        b.Ignore(r => r.SessionsUsed);
        b.HasMany(r => r.Assessments).WithOne().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Sessions).WithOne().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.SessionExtensions).WithOne().HasForeignKey(e => e.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Notes).WithOne().HasForeignKey(n => n.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.SupervisionRecords).WithOne().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.RiskAlerts).WithOne().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Tasks).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.Property(a => a.AuthorUserId).HasMaxLength(450);
        b.Property(a => a.AuthorName).HasMaxLength(200);
        b.Property(a => a.DecidedByUserId).HasMaxLength(450);
        b.Property(a => a.DecidedByName).HasMaxLength(200);
        b.Property(a => a.PresentingIssue).HasMaxLength(4000);
        b.Property(a => a.RelationshipHistory).HasMaxLength(4000);
        b.Property(a => a.Children).HasMaxLength(2000);
        b.Property(a => a.ExpectationsAgreed).HasMaxLength(2000);
        b.Property(a => a.Goals).HasMaxLength(2000);
        b.Property(a => a.RecommendationNote).HasMaxLength(2000);
        b.Property(a => a.SupervisorComments).HasMaxLength(4000);
        b.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        // One assessment of each kind per person (PersonId is null for the joint one: one joint per case is the domain's rule).
        b.HasIndex(a => new { a.ReferralId, a.Kind, a.PersonId }).IsUnique();
        // A supervisor's queue of submitted assessments.
        b.HasIndex(a => new { a.Status, a.SubmittedAtUtc });
        b.HasOne<ReferralPerson>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Risks).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(a => a.IsEditable);
        b.Ignore(a => a.HighestRisk);
    }
}

internal sealed class AssessmentRiskConfiguration : IEntityTypeConfiguration<AssessmentRisk>
{
    public void Configure(EntityTypeBuilder<AssessmentRisk> b)
    {
        b.Property(r => r.Notes).HasMaxLength(2000);
        b.HasIndex(r => new { r.AssessmentId, r.Area }).IsUnique();
    }
}

internal sealed class TherapySessionConfiguration : IEntityTypeConfiguration<TherapySession>
{
    public void Configure(EntityTypeBuilder<TherapySession> b)
    {
        b.Property(s => s.Venue).HasMaxLength(300);
        b.Property(s => s.TherapistUserId).HasMaxLength(450);
        b.Property(s => s.CoTherapistUserId).HasMaxLength(450);
        b.Property(s => s.CancellationReason).HasMaxLength(500);
        b.Property(s => s.AttendanceRecordedByUserId).HasMaxLength(450);
        b.Property(s => s.CreatedByUserId).HasMaxLength(450);
        b.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(s => new { s.ReferralId, s.StartsAtUtc });
        // A therapist's week (calendar, double-booking check), as lead or as co-therapist; reminders due.
        b.HasIndex(s => new { s.TherapistUserId, s.StartsAtUtc });
        b.HasIndex(s => new { s.CoTherapistUserId, s.StartsAtUtc });
        b.HasIndex(s => new { s.ReminderSentAtUtc, s.StartsAtUtc });
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.TherapistUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.CoTherapistUserId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(s => s.EndsAtUtc);
        b.Ignore(s => s.IsCancelled);
        b.Ignore(s => s.Counts);
    }
}

internal sealed class SessionExtensionConfiguration : IEntityTypeConfiguration<SessionExtension>
{
    public void Configure(EntityTypeBuilder<SessionExtension> b)
    {
        b.Property(e => e.Reason).HasMaxLength(2000);
        b.Property(e => e.DecisionNote).HasMaxLength(2000);
        b.Property(e => e.RequestedByUserId).HasMaxLength(450);
        b.Property(e => e.RequestedByName).HasMaxLength(200);
        b.Property(e => e.DecidedByUserId).HasMaxLength(450);
        b.Property(e => e.DecidedByName).HasMaxLength(200);
        b.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(e => new { e.Status, e.RequestedAtUtc });
        b.HasIndex(e => e.ReferralId);
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.Property(n => n.Text).HasMaxLength(CaseNote.MaxLength);
        b.Property(n => n.AuthorUserId).HasMaxLength(450);
        b.Property(n => n.AuthorName).HasMaxLength(200);
        b.Property(n => n.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(n => new { n.ReferralId, n.CreatedAtUtc });
        b.HasOne<TherapySession>().WithMany().HasForeignKey(n => n.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Addenda).WithOne().HasForeignKey(a => a.CaseNoteId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(n => n.LocksAtUtc);
    }
}

internal sealed class CaseNoteAddendumConfiguration : IEntityTypeConfiguration<CaseNoteAddendum>
{
    public void Configure(EntityTypeBuilder<CaseNoteAddendum> b)
    {
        b.Property(a => a.Text).HasMaxLength(CaseNote.MaxLength);
        b.Property(a => a.AuthorUserId).HasMaxLength(450);
        b.Property(a => a.AuthorName).HasMaxLength(200);
        b.HasIndex(a => a.CaseNoteId);
    }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionRecord> b)
    {
        b.Property(s => s.SupervisorUserId).HasMaxLength(450);
        b.Property(s => s.SupervisorName).HasMaxLength(200);
        b.Property(s => s.Points).HasMaxLength(4000);
        b.Property(s => s.Actions).HasMaxLength(2000);
        b.HasIndex(s => new { s.ReferralId, s.HeldOn });
    }
}

internal sealed class RiskAlertConfiguration : IEntityTypeConfiguration<RiskAlert>
{
    public void Configure(EntityTypeBuilder<RiskAlert> b)
    {
        b.Property(a => a.Notes).HasMaxLength(2000);
        b.Property(a => a.RaisedByUserId).HasMaxLength(450);
        b.Property(a => a.RaisedByName).HasMaxLength(200);
        b.Property(a => a.SupervisorUserId).HasMaxLength(450);
        b.Property(a => a.AcknowledgedByUserId).HasMaxLength(450);
        b.Property(a => a.AcknowledgedByName).HasMaxLength(200);
        b.HasIndex(a => a.ReferralId);
        // A supervisor's open alerts.
        b.HasIndex(a => new { a.SupervisorUserId, a.AcknowledgedAtUtc });
    }
}

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> b)
    {
        b.Property(t => t.Description).HasMaxLength(500);
        b.Property(t => t.AssignedToUserId).HasMaxLength(450);
        b.Property(t => t.DoneByUserId).HasMaxLength(450);
        b.Property(t => t.Outcome).HasMaxLength(1000);
        b.HasIndex(t => new { t.AssignedToUserId, t.DoneAtUtc });
        b.HasIndex(t => t.ReferralId);
        // One follow-up per missed session, however often attendance is re-recorded.
        b.HasIndex(t => new { t.SessionId, t.Kind }).IsUnique();
        b.Ignore(t => t.IsOpen);
    }
}
