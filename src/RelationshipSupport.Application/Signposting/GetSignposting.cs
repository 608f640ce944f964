using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Signposting;

/// <summary>
/// The services in use in the signposting directory, by kind (crisis first) then name: what staff choose from when
/// a programme is not right for someone (screening) and at the end of therapy. Retired entries are left out.
/// </summary>
public static class GetSignposting
{
    public sealed record Query : IRequest<IReadOnlyList<Entry>>;

    public sealed record Entry(int Id, string Name, SignpostingKind Kind, string Area, string? Phone, string? Email, string? Website, string WhenToUse);

    internal sealed class Handler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<Entry>>
    {
        public async Task<IReadOnlyList<Entry>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.SignpostingEntries.AsNoTracking()
                .Where(e => e.IsActive)
                .OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .Select(e => new Entry(e.Id, e.Name, e.Kind, e.Area, e.Phone, e.Email, e.Website, e.WhenToUse))
                .ToListAsync(cancellationToken);
    }
}
