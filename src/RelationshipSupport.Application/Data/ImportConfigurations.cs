using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationshipSupport.Domain.Imports;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Data;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.Property(x => x.ImportedByUserId).HasMaxLength(450);
        b.Property(x => x.ImportedByName).HasMaxLength(200);
        // The same file is imported once: a second attempt (or a form sent twice) finds the first, or fails here.
        b.HasIndex(x => x.FileSha256).IsUnique();
        b.HasIndex(x => new { x.ProgrammeId, x.ImportedAtUtc });
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The import's columns on <see cref="Referral"/> (the rest of its configuration is in Configurations.cs).</summary>
internal sealed class ReferralImportConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(r => r.ExternalCaseId).HasMaxLength(Referral.MaxExternalCaseIdLength);
        // A programme's case ids are imported once (null for referrals made in this system).
        b.HasIndex(r => new { r.ProgrammeId, r.ExternalCaseId }).IsUnique();
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
