using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Auditing;
using RelationshipSupport.Domain.Messaging;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Data;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Code).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.WhatHappensNext).HasMaxLength(4000);
        b.Property(p => p.Commissioner).HasMaxLength(200);
        b.Property(p => p.ReportIntroduction).HasMaxLength(8000);
        b.Property(p => p.ReportServiceDescription).HasMaxLength(8000);
        b.Property(p => p.ReportConclusions).HasMaxLength(8000);
        b.HasMany(p => p.Hubs).WithOne(h => h.Programme).HasForeignKey(h => h.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Criteria).WithOne().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        b.Ignore(p => p.RequiresSuitabilityReview);
    }
}

internal sealed class ProgrammeCriterionConfiguration : IEntityTypeConfiguration<ProgrammeCriterion>
{
    public void Configure(EntityTypeBuilder<ProgrammeCriterion> b)
    {
        b.Property(c => c.Text).HasMaxLength(300);
        b.Property(c => c.HelpText).HasMaxLength(1000);
        b.HasIndex(c => new { c.ProgrammeId, c.Kind, c.SortOrder });
    }
}

internal sealed class SignpostingEntryConfiguration : IEntityTypeConfiguration<SignpostingEntry>
{
    public void Configure(EntityTypeBuilder<SignpostingEntry> b)
    {
        b.ToTable("SignpostingEntries");
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Area).HasMaxLength(200);
        b.Property(e => e.Phone).HasMaxLength(40);
        b.Property(e => e.Email).HasMaxLength(254);
        b.Property(e => e.Website).HasMaxLength(400);
        b.Property(e => e.WhenToUse).HasMaxLength(1000);
        b.HasIndex(e => new { e.IsActive, e.Kind });
        // One entry per service: a repeated "add" (double click, back and resubmit) cannot create a second.
        b.HasIndex(e => e.Name).IsUnique();
        b.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> b)
    {
        b.HasIndex(h => h.Code).IsUnique();
        b.Property(h => h.Code).HasMaxLength(40);
        b.Property(h => h.Name).HasMaxLength(200);
        b.Property(h => h.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(r => r.Reference).HasMaxLength(12);
        b.HasIndex(r => r.Reference).IsUnique();
        b.HasIndex(r => r.SubmissionId).IsUnique();
        // The triage queue: open referrals of a programme, oldest first.
        b.HasIndex(r => new { r.Status, r.ReceivedAtUtc });
        b.HasIndex(r => new { r.ProgrammeId, r.Status, r.ReceivedAtUtc });
        // The queue's "risk only" filter, answered from the index alone.
        b.HasIndex(r => new { r.Status, r.RiskFlag, r.ReceivedAtUtc });
        // The waiting list: a programme's waiting referrals, priority first, then oldest; and its median and
        // longest wait, read in waiting order from the index (all programmes, or one).
        b.HasIndex(r => new { r.ProgrammeId, r.Status, r.IsPriority, r.WaitingSinceUtc });
        b.HasIndex(r => new { r.Status, r.IsPriority, r.WaitingSinceUtc });
        b.HasIndex(r => new { r.Status, r.WaitingSinceUtc });
        b.HasIndex(r => new { r.ProgrammeId, r.Status, r.WaitingSinceUtc });
        b.HasIndex(r => new { r.HubId, r.Status, r.ReceivedAtUtc });
        b.Property(r => r.ClosureNote).HasMaxLength(2000);
        b.Property(r => r.PriorityReason).HasMaxLength(500);
        b.Property(r => r.Difficulty).HasMaxLength(2000);
        b.Property(r => r.AvailabilityNotes).HasMaxLength(500);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne(r => r.Programme).WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Hub).WithMany().HasForeignKey(r => r.HubId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.People).WithOne().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Children).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.ContactAttempts).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.StatusChanges).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Screenings).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Signposting).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Allocations).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.DuplicateReviews).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(r => r.Primary);
        b.Ignore(r => r.Partner);
        b.Ignore(r => r.IsOpen);
    }
}

internal sealed class ReferralPersonConfiguration : IEntityTypeConfiguration<ReferralPerson>
{
    public void Configure(EntityTypeBuilder<ReferralPerson> b)
    {
        b.ToTable("ReferralPeople");
        b.Property(p => p.FirstName).HasMaxLength(100);
        b.Property(p => p.LastName).HasMaxLength(100);
        b.Property(p => p.Email).HasMaxLength(254);
        b.Property(p => p.Phone).HasMaxLength(20);
        b.Property(p => p.SafeContactTimes).HasMaxLength(500);
        b.Property(p => p.Employer).HasMaxLength(200);
        b.Property(p => p.JobRole).HasMaxLength(200);
        b.Property(p => p.EthnicCategory).HasMaxLength(2);
        b.Property(p => p.GenderIdentity).HasMaxLength(2);
        b.Property(p => p.SearchFirstName).HasMaxLength(100);
        b.Property(p => p.SearchLastName).HasMaxLength(100);
        b.Property(p => p.EmailKey).HasMaxLength(254);
        b.Property(p => p.PhoneKey).HasMaxLength(20);
        // Name search (prefix ranges on the normalised names) and the duplicate check (exact keys).
        // Covering: a name search reads the matching referral ids from the index without visiting the rows.
        b.HasIndex(p => new { p.SearchLastName, p.ReferralId });
        b.HasIndex(p => new { p.SearchFirstName, p.ReferralId });
        b.HasIndex(p => p.EmailKey);
        b.HasIndex(p => p.PhoneKey);
        b.HasIndex(p => new { p.SearchLastName, p.DateOfBirth });
        b.HasIndex(p => p.ReferralId);
        b.Ignore(p => p.FullName);
    }
}

internal sealed class ReferralChildConfiguration : IEntityTypeConfiguration<ReferralChild>
{
    public void Configure(EntityTypeBuilder<ReferralChild> b)
    {
        b.ToTable("ReferralChildren");
        b.Property(c => c.FirstName).HasMaxLength(100);
    }
}

internal sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    public void Configure(EntityTypeBuilder<ContactAttempt> b)
    {
        b.Property(c => c.Note).HasMaxLength(1000);
        b.Property(c => c.RecordedByUserId).HasMaxLength(450);
        b.HasIndex(c => c.ReferralId);
    }
}

internal sealed class ReferralStatusChangeConfiguration : IEntityTypeConfiguration<ReferralStatusChange>
{
    public void Configure(EntityTypeBuilder<ReferralStatusChange> b)
    {
        b.ToTable("ReferralStatusChanges");
        b.Property(c => c.ByUserId).HasMaxLength(450);
        b.Property(c => c.ByName).HasMaxLength(256);
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.HasIndex(c => new { c.ReferralId, c.AtUtc });
    }
}

internal sealed class ScreeningConfiguration : IEntityTypeConfiguration<Screening>
{
    public void Configure(EntityTypeBuilder<Screening> b)
    {
        b.Property(s => s.ByUserId).HasMaxLength(450);
        b.Property(s => s.ByName).HasMaxLength(256);
        b.Property(s => s.Notes).HasMaxLength(2000);
        b.Property(s => s.OverrideByUserId).HasMaxLength(450);
        b.Property(s => s.OverrideByName).HasMaxLength(256);
        b.Property(s => s.OverrideReason).HasMaxLength(1000);
        b.HasIndex(s => s.ReferralId);
        b.HasMany(s => s.Results).WithOne().HasForeignKey(r => r.ScreeningId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScreeningCriterionResultConfiguration : IEntityTypeConfiguration<ScreeningCriterionResult>
{
    public void Configure(EntityTypeBuilder<ScreeningCriterionResult> b)
    {
        b.Property(r => r.CriterionText).HasMaxLength(300);
        b.HasOne<ProgrammeCriterion>().WithMany().HasForeignKey(r => r.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralSignpostingConfiguration : IEntityTypeConfiguration<ReferralSignposting>
{
    public void Configure(EntityTypeBuilder<ReferralSignposting> b)
    {
        b.ToTable("ReferralSignposting");
        b.Property(s => s.ByUserId).HasMaxLength(450);
        b.HasIndex(s => s.ReferralId);
        b.HasOne<SignpostingEntry>().WithMany().HasForeignKey(s => s.SignpostingEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAllocationConfiguration : IEntityTypeConfiguration<CaseAllocation>
{
    public void Configure(EntityTypeBuilder<CaseAllocation> b)
    {
        b.Property(a => a.TherapistUserId).HasMaxLength(450);
        b.Property(a => a.AllocatedByUserId).HasMaxLength(450);
        b.HasIndex(a => a.ReferralId);
        // A therapist's open cases (capacity), and their caseload.
        b.HasIndex(a => new { a.TherapistUserId, a.EndedAtUtc });
        b.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.TherapistUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DuplicateReviewConfiguration : IEntityTypeConfiguration<DuplicateReview>
{
    public void Configure(EntityTypeBuilder<DuplicateReview> b)
    {
        b.Property(d => d.ByUserId).HasMaxLength(450);
        b.HasIndex(d => new { d.ReferralId, d.OtherReferralId }).IsUnique();
        b.HasOne<Referral>().WithMany().HasForeignKey(d => d.OtherReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PanelMeetingConfiguration : IEntityTypeConfiguration<PanelMeeting>
{
    public void Configure(EntityTypeBuilder<PanelMeeting> b)
    {
        b.Property(m => m.Members).HasMaxLength(2000);
        b.Property(m => m.ClinicalLeadName).HasMaxLength(200);
        b.Property(m => m.CreatedByUserId).HasMaxLength(450);
        b.Property(m => m.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(m => new { m.ProgrammeId, m.MeetingDate });
        b.HasOne<Programme>().WithMany().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Cases).WithOne().HasForeignKey(c => c.PanelMeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PanelCaseConfiguration : IEntityTypeConfiguration<PanelCase>
{
    public void Configure(EntityTypeBuilder<PanelCase> b)
    {
        b.Property(c => c.Note).HasMaxLength(2000);
        b.Property(c => c.DecidedByName).HasMaxLength(200);
        b.Property(c => c.RecordedByUserId).HasMaxLength(450);
        b.HasIndex(c => new { c.PanelMeetingId, c.ReferralId }).IsUnique();
        b.HasIndex(c => c.ReferralId);
        b.HasOne<Referral>().WithMany().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Organisation).HasMaxLength(200);
        b.HasMany(u => u.Assignments).WithOne().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(u => u.SupervisorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.SupervisorUserId);
    }
}

internal sealed class StaffAssignmentConfiguration : IEntityTypeConfiguration<StaffAssignment>
{
    public void Configure(EntityTypeBuilder<StaffAssignment> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.HasIndex(a => new { a.UserId, a.ProgrammeId, a.HubId }).IsUnique();
        b.HasOne<Programme>().WithMany().HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Hub>().WithMany().HasForeignKey(a => a.HubId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.EntityType).HasMaxLength(80);
        b.Property(a => a.EntityId).HasMaxLength(80);
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.Property(a => a.CorrelationId).HasMaxLength(100);
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.AtUtc);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Kind).HasMaxLength(80);
        b.Property(m => m.ToAddress).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.BodyText).HasMaxLength(20000);
        b.Property(m => m.BodyHtml).HasMaxLength(40000);
        b.Property(m => m.AttachmentName).HasMaxLength(100);
        b.Property(m => m.AttachmentContentType).HasMaxLength(100);
        b.Property(m => m.AttachmentText).HasMaxLength(20000);
        b.Property(m => m.LockedBy).HasMaxLength(200);
        b.Property(m => m.LastError).HasMaxLength(2000);
        // The worker's poll: unsent, unfailed, due.
        b.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
    }
}
