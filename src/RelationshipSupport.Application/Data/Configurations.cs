using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
        b.HasMany(p => p.Hubs).WithOne(h => h.Programme).HasForeignKey(h => h.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> b)
    {
        b.HasIndex(h => h.Code).IsUnique();
        b.Property(h => h.Code).HasMaxLength(40);
        b.Property(h => h.Name).HasMaxLength(200);
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
        b.Property(r => r.Difficulty).HasMaxLength(2000);
        b.Property(r => r.AvailabilityNotes).HasMaxLength(500);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne(r => r.Programme).WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Hub).WithMany().HasForeignKey(r => r.HubId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.People).WithOne().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Children).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.ContactAttempts).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
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
        b.HasIndex(p => p.LastName);
        b.HasIndex(p => p.Email);
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
        b.Property(m => m.LockedBy).HasMaxLength(200);
        b.Property(m => m.LastError).HasMaxLength(2000);
        // The worker's poll: unsent, unfailed, due.
        b.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
    }
}
