using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>One directory entry, for the administrator's edit form.</summary>
public static class GetSignpostingEntry
{
    public sealed record Query(int Id) : IRequest<Details>;

    public sealed record Details(int Id, bool IsActive, Guid ConcurrencyStamp, SignpostingFields Fields);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var entry = await db.SignpostingEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("SignpostingEntry", request.Id);
            var fields = new SignpostingFields();
            fields.CopyFrom(entry);
            return new Details(entry.Id, entry.IsActive, entry.ConcurrencyStamp, fields);
        }
    }
}
