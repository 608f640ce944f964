using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Admin;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Import;

/// <summary>The past imports, newest first (administrators).</summary>
public static class GetImportBatches
{
    public sealed record Query : IRequest<IReadOnlyList<Batch>>;

    public sealed record Batch(
        int Id, string ProgrammeCode, string ProgrammeName, string FileName, DateTime ImportedAtUtc, string ImportedByName,
        int Referrals, int People, int Assessments, int Sessions, int Scores, int SkippedCases);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Query, IReadOnlyList<Batch>>
    {
        public async Task<IReadOnlyList<Batch>> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var batches = await (
                from b in db.ImportBatches
                join p in db.Programmes on b.ProgrammeId equals p.Id
                orderby b.ImportedAtUtc descending, b.Id descending
                select new Batch(b.Id, p.Code, p.Name, b.FileName, b.ImportedAtUtc, b.ImportedByName,
                    b.Referrals, b.People, b.Assessments, b.Sessions, b.Scores, b.SkippedCases))
                .AsNoTracking().Take(200).ToListAsync(cancellationToken);
            audit.RecordRead(AuditActions.ImportBatchesViewed, "ImportBatch", null, $"count={batches.Count}");
            return batches;
        }
    }
}
