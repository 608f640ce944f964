using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Closure;

/// <summary>
/// Closes a referral whose person could not be reached after the programme's number of unanswered attempts in a
/// row (refused before that), and emails them the closure letter when it is safe to. Closing twice records once.
/// </summary>
public static class CloseForNoResponse
{
    public const int MaxNoteLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Result(string Reference, bool Emailed, bool AlreadyClosed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Note).OptionalText("Note", MaxNoteLength);
        }
    }

    internal sealed class Handler(
        AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.Include(r => r.Programme).Include(r => r.People).Include(r => r.ContactAttempts), cancellationToken);
            if (referral.Status == ReferralStatus.Closed && referral.ClosureReason == ClosureReason.NoResponseToContact)
            {
                return new Result(referral.Reference, Emailed: false, AlreadyClosed: true);
            }

            bool emailed;
            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                referral.CloseForNoResponse(referral.Programme!, user.ToActor(), clock.GetUtcNow().UtcDateTime, request.Note);

                var to = NoResponseLetter.SafeEmailAddress(referral);
                emailed = to is not null;
                if (to is not null)
                {
                    var letter = NoResponseLetter.For(referral.Primary.FirstName, referral.Reference, referral.Programme!);
                    outbox.Enqueue(NoResponseLetter.EmailKind, to, letter.Subject, letter.Body);
                }
                audit.Record(AuditActions.ReferralClosed, "Referral", referral.Reference,
                    $"reason={ClosureReason.NoResponseToContact}; attempts={referral.UnansweredAttemptsInARow()}; emailed={(emailed ? "yes" : "no")}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            if (emailed) signal.Notify();
            return new Result(referral.Reference, emailed, AlreadyClosed: false);
        }
    }
}
