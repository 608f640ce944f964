using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>The signposting directory for the administrator: optionally one kind, with or without retired entries.</summary>
public static class GetSignpostingDirectory
{
    public sealed record Query(SignpostingKind? Kind = null, bool ShowRetired = false) : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Name, SignpostingKind Kind, string Area, string? Phone, string? Email, string? Website, string WhenToUse, bool IsActive);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var query = db.SignpostingEntries.AsNoTracking();
            if (request.Kind is { } kind) query = query.Where(e => e.Kind == kind);
            if (!request.ShowRetired) query = query.Where(e => e.IsActive);
            return await query.OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .Select(e => new Row(e.Id, e.Name, e.Kind, e.Area, e.Phone, e.Email, e.Website, e.WhenToUse, e.IsActive))
                .ToListAsync(cancellationToken);
        }
    }
}
