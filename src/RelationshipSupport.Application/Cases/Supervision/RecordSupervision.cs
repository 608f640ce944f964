using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Supervision;

/// <summary>
/// A supervisor with clinical access to the case records a supervision discussion: the date (today or earlier), the
/// points discussed and any actions. The form id makes a repeated post record one. The audit names the date only.
/// </summary>
public static class RecordSupervision
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid FormId { get; set; }
        public DateInput HeldOn { get; set; } = new();
        public string? Points { get; set; }
        public string? Actions { get; set; }
    }

    public sealed record Result(string Reference, bool Recorded);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.FormId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.HeldOn).Cascade(CascadeMode.Stop)
                .Must(d => !d.IsEmpty).WithMessage("Enter the date of the supervision")
                .Must(d => d.ToDate() is not null).WithMessage("Date of the supervision must be a real date, like 2 11 2026")
                .Must(d => d.ToDate() <= UkTime.Today(clock)).WithMessage("Date of the supervision must be today or in the past");
            RuleFor(c => c.Points).RequiredText("Enter the points discussed", "Points discussed", Referral.MaxSupervisionPointsLength);
            RuleFor(c => c.Actions).OptionalText("Actions", Referral.MaxSupervisionActionsLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q, cancellationToken);
            if (!user.IsInRole(Roles.Supervisor))
            {
                throw new DomainException("Only a supervisor can record supervision.");
            }
            if (await NoteSupport.AlreadySentAsync(db, AuditActions.CaseSupervisionRecorded, referral.Reference, request.FormId, cancellationToken))
            {
                return new Result(referral.Reference, Recorded: false);
            }
            try
            {
                var heldOn = request.HeldOn.ToDate()!.Value;
                referral.RecordSupervision(heldOn, request.Points!, request.Actions, user.ToActor(), UkTime.Today(clock), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.CaseSupervisionRecorded, "Referral", referral.Reference,
                    $"{NoteSupport.FormMark(request.FormId)}; held-on={heldOn:yyyy-MM-dd}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            return new Result(referral.Reference, Recorded: true);
        }
    }
}
