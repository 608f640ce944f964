using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Data;

// Outcome measures (issue 5): instrument versions, programmes' schedules, and clients' questionnaires with their
// answers and scores. Answers and scores are clinical data: never indexed by value.

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.Property(i => i.Code).HasMaxLength(32);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.CreatedByName).HasMaxLength(200);
        b.Ignore(i => i.Definition);
        b.HasIndex(i => new { i.Code, i.Version }).IsUnique();
    }
}

internal sealed class ProgrammeInstrumentConfiguration : IEntityTypeConfiguration<ProgrammeInstrument>
{
    public void Configure(EntityTypeBuilder<ProgrammeInstrument> b)
    {
        b.Property(p => p.InstrumentCode).HasMaxLength(32);
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ProgrammeId, p.Timepoint, p.InstrumentCode }).IsUnique();
    }
}

internal sealed class QuestionnaireRequestConfiguration : IEntityTypeConfiguration<QuestionnaireRequest>
{
    public void Configure(EntityTypeBuilder<QuestionnaireRequest> b)
    {
        b.Property(r => r.CreatedByUserId).HasMaxLength(450);
        b.Property(r => r.EnteredByUserId).HasMaxLength(450);
        b.Property(r => r.EnteredByName).HasMaxLength(200);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.Property(r => r.FeedbackComment).HasMaxLength(QuestionnaireRequest.MaxFeedbackLength);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.Ignore(r => r.IsOpen);
        b.HasOne<Referral>().WithMany().HasForeignKey(r => r.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReferralPerson>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TherapySession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Responses).WithOne().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Cascade);
        // The client's link finds its request by the token's hash.
        b.HasIndex(r => r.TokenHash).IsUnique();
        b.HasIndex(r => new { r.ReferralId, r.Timepoint });
        // Overdue questionnaires on caseloads.
        b.HasIndex(r => new { r.Status, r.DueAtUtc });
    }
}

internal sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> b)
    {
        b.Property(r => r.InstrumentCode).HasMaxLength(32);
        b.Ignore(r => r.Definition);
        b.HasOne(r => r.Instrument).WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.RequestId, r.InstrumentId }).IsUnique();
        b.HasIndex(r => r.InstrumentCode);
    }
}

internal sealed class QuestionnaireAnswerConfiguration : IEntityTypeConfiguration<QuestionnaireAnswer>
{
    public void Configure(EntityTypeBuilder<QuestionnaireAnswer> b) =>
        b.HasIndex(a => new { a.ResponseId, a.ItemNumber }).IsUnique();
}

internal sealed class QuestionnaireScoreConfiguration : IEntityTypeConfiguration<QuestionnaireScore>
{
    public void Configure(EntityTypeBuilder<QuestionnaireScore> b)
    {
        b.Property(s => s.ScoreKey).HasMaxLength(32);
        b.Property(s => s.Band).HasMaxLength(100);
        b.Ignore(s => s.NotScoredReason);
        b.HasIndex(s => new { s.ResponseId, s.ScoreKey }).IsUnique();
    }
}
