using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain.Reporting;

namespace RelationshipSupport.Application.Data;

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> b)
    {
        b.HasOne(r => r.Programme).WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.SubmissionId).IsUnique();
        b.HasIndex(r => new { r.ProgrammeId, r.From, r.To, r.RequestedAtUtc });
        b.HasIndex(r => r.Status);
        b.Property(r => r.Provider).HasMaxLength(200);
        b.Property(r => r.Authors).HasMaxLength(1000);
        foreach (var text in new[] { nameof(ReportRun.Summary), nameof(ReportRun.Introduction), nameof(ReportRun.ServiceModel), nameof(ReportRun.Conclusions) })
        {
            b.Property<string>(text).HasMaxLength(ReportNarrative.MaxLength);
        }
        b.Property(r => r.RequestedByUserId).HasMaxLength(450);
        b.Property(r => r.RequestedByName).HasMaxLength(200);
        b.Property(r => r.Stage).HasMaxLength(100);
        b.Property(r => r.FileName).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(1000);
    }
}
