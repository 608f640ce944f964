using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// A therapist asks for sessions beyond the programme's maximum (<see cref="Domain.Referrals.Referral.RequestExtraSessions"/>).
/// Their supervisor (every supervisor when they have none) is emailed that a request is waiting: the reference and a link,
/// no names, no reason. The same request sent twice is recorded once.
/// </summary>
public static class RequestExtraSessions
{
    public const string EmailKind = "session-extension-requested";
    public const int MaxReasonLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int? ExtraSessions { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record Result(string Reference, int ExtensionId, bool AlreadyRequested);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to the caseload and open it again");
            RuleFor(c => c.ExtraSessions).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter how many extra sessions are needed")
                .InclusiveBetween(1, 10).WithMessage("Ask for between 1 and 10 extra sessions");
            RuleFor(c => c.Reason).RequiredText("Enter the reason extra sessions are needed", "Reason", MaxReasonLength);
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Allocations)
                .Include(r => r.SessionExtensions), cancellationToken);
            var reason = request.Reason!.Trim();
            var repeat = referral.SessionExtensions.FirstOrDefault(e => e.Status == ExtensionStatus.Pending
                && e.RequestedByUserId == user.UserId && e.ExtraSessions == request.ExtraSessions && e.Reason == reason);
            if (repeat is not null)
            {
                return new Result(referral.Reference, repeat.Id, true);
            }

            var extension = referral.RequestExtraSessions(request.ExtraSessions!.Value, reason, user.ToActor(), clock.GetUtcNow().UtcDateTime);
            var recipients = await Supervisors.ToTellAsync(db, user.UserId!, cancellationToken);
            foreach (var recipient in recipients)
            {
                outbox.Enqueue(EmailKind, recipient.Email, "A request for extra sessions is waiting for you",
                    $"Dear {recipient.DisplayName},\n\n"
                    + $"{user.ToActor().Name} has asked for extra sessions on case {referral.Reference}. Please decide in the service's system:\n\n"
                    + $"{app.Value.Link($"/cases/{referral.Reference}/sessions/extra")}\n\n"
                    + "For confidentiality this email contains no client or clinical details.\n");
            }
            audit.Record(AuditActions.SessionExtensionRequested, "Referral", referral.Reference,
                $"extra={extension.ExtraSessions}; supervisors-emailed={recipients.Count}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            if (recipients.Count > 0) signal.Notify();
            return new Result(referral.Reference, extension.Id, false);
        }
    }
}
