using FluentValidation;
using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// An administrator rewords a criterion or its help text. Past screenings keep the wording they were made with
/// (each result stores the text it showed).
/// </summary>
public static class UpdateCriterion
{
    public sealed class Command : IRequest<Unit>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? ProgrammeCode { get; set; }
        /// <summary>Set by the page from the URL.</summary>
        public int CriterionId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public string? Text { get; set; }
        public string? HelpText { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Text).RequiredText("Enter the criterion", "Criterion", CriteriaChanges.MaxTextLength);
            RuleFor(c => c.HelpText).OptionalText("Help for the person screening", CriteriaChanges.MaxHelpTextLength);
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await CriteriaChanges.LoadAsync(db, request.ProgrammeCode, request.ConcurrencyStamp, cancellationToken);
            var criterion = CriteriaChanges.Find(programme, request.CriterionId);
            criterion.Text = request.Text!.Trim();
            criterion.HelpText = AdminChanges.Clean(request.HelpText);
            audit.Record(AuditActions.CriterionUpdated, "Programme", programme.Code, $"criterion={criterion.Id}");
            await AdminChanges.SaveAsync(db, cancellationToken);
            return Unit.Value;
        }
    }
}
