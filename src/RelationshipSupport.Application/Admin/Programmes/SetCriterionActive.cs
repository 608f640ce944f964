using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// An administrator retires a criterion (screening no longer shows it) or restores it (at the end of its list).
/// Never deleted: past screenings refer to it. Asking for the state it is already in changes nothing.
/// </summary>
public static class SetCriterionActive
{
    public sealed record Command(string ProgrammeCode, int CriterionId, Guid ConcurrencyStamp, bool Active) : IRequest<Unit>;

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await CriteriaChanges.LoadAsync(db, request.ProgrammeCode, cancellationToken);
            var criterion = CriteriaChanges.Find(programme, request.CriterionId);
            if (criterion.IsActive == request.Active)
            {
                // Already done (the same button sent twice): nothing to change, and no conflict to report.
                db.ChangeTracker.Clear();
                return Unit.Value;
            }
            CriteriaChanges.Expect(db, programme, request.ConcurrencyStamp);
            if (request.Active)
            {
                criterion.SortOrder = CriteriaChanges.NextSortOrder(programme, criterion.Kind);
            }
            criterion.IsActive = request.Active;
            audit.Record(request.Active ? AuditActions.CriterionRestored : AuditActions.CriterionRetired,
                "Programme", programme.Code, $"criterion={criterion.Id}");
            await AdminChanges.SaveAsync(db, cancellationToken);
            return Unit.Value;
        }
    }
}
