using FluentValidation;
using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>An administrator adds an inclusion or exclusion criterion at the end of the programme's list.</summary>
public static class AddCriterion
{
    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? ProgrammeCode { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public CriterionKind? Kind { get; set; }
        public string? Text { get; set; }
        public string? HelpText { get; set; }
    }

    public sealed record Result(int Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).NotNull().WithMessage("Select whether this is an inclusion or an exclusion criterion")
                .IsInEnum().WithMessage("Select whether this is an inclusion or an exclusion criterion");
            RuleFor(c => c.Text).RequiredText("Enter the criterion", "Criterion", CriteriaChanges.MaxTextLength);
            RuleFor(c => c.HelpText).OptionalText("Help for the person screening", CriteriaChanges.MaxHelpTextLength);
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await CriteriaChanges.LoadAsync(db, request.ProgrammeCode, request.ConcurrencyStamp, cancellationToken);
            var kind = request.Kind!.Value;
            var text = request.Text!.Trim();
            if (CriteriaChanges.Active(programme, kind).Any(c => string.Equals(c.Text, text, StringComparison.OrdinalIgnoreCase)))
            {
                db.ChangeTracker.Clear();
                throw new ValidationFailedException(nameof(Command.Text), "This criterion is already in the list");
            }

            var criterion = new ProgrammeCriterion
            {
                Kind = kind,
                Text = text,
                HelpText = AdminChanges.Clean(request.HelpText),
                SortOrder = CriteriaChanges.NextSortOrder(programme, kind),
            };
            programme.Criteria.Add(criterion);
            // Recorded against the programme: the criterion's id exists only after the insert, and the entry must
            // commit with it. The position identifies it within the programme's list.
            audit.Record(AuditActions.CriterionAdded, "Programme", programme.Code, $"kind={kind}; position={criterion.SortOrder}");
            await AdminChanges.SaveAsync(db, cancellationToken);
            return new Result(criterion.Id);
        }
    }
}
