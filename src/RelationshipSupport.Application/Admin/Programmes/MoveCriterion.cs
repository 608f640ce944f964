using FluentValidation;
using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>An administrator moves a criterion up or down its list (the order screening shows them in).</summary>
public static class MoveCriterion
{
    public enum Direction
    {
        Up = 1,
        Down = 2,
    }

    public sealed class Command : IRequest<Unit>
    {
        public string? ProgrammeCode { get; set; }
        public int CriterionId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public Direction? To { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.To).NotNull().IsInEnum().WithMessage("Choose whether to move the criterion up or down");
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await CriteriaChanges.LoadAsync(db, request.ProgrammeCode, request.ConcurrencyStamp, cancellationToken);
            var criterion = CriteriaChanges.Find(programme, request.CriterionId);
            var list = CriteriaChanges.Active(programme, criterion.Kind);
            var from = list.IndexOf(criterion);
            var to = request.To == Direction.Up ? from - 1 : from + 1;
            if (from < 0 || to < 0 || to >= list.Count)
            {
                db.ChangeTracker.Clear();
                throw new DomainException(from < 0
                    ? "A retired criterion has no place in the list: restore it first"
                    : $"This criterion is already at the {(request.To == Direction.Up ? "top" : "bottom")} of the list");
            }

            // Swap, then number the list in its new order, so two criteria in use never share a place.
            (list[from], list[to]) = (list[to], list[from]);
            for (var i = 0; i < list.Count; i++)
            {
                list[i].SortOrder = i;
            }
            audit.Record(AuditActions.CriterionMoved, "Programme", programme.Code, $"criterion={criterion.Id}; to={request.To}");
            await AdminChanges.SaveAsync(db, cancellationToken);
            return Unit.Value;
        }
    }
}
