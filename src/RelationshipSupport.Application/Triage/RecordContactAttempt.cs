using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// A coordinator records an attempt to reach the person: when (UK time), how, and what happened. The first
/// attempt moves a new referral to "contacting". A change made meanwhile by someone else is refused with
/// <see cref="ConcurrencyConflictException"/>; business rules refuse with a <see cref="DomainException"/>
/// whose message is meant for the user.
/// </summary>
public static class RecordContactAttempt
{
    public const int MaxNoteLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>The referral's reference: set by the page from the URL, never bound from the form.</summary>
        public string? Reference { get; set; }

        /// <summary>The version of the referral the user saw (a hidden field of the form).</summary>
        public Guid ConcurrencyStamp { get; set; }

        /// <summary>UK local date.</summary>
        public DateInput Date { get; set; } = new();

        /// <summary>UK local time, 24-hour clock ("14:30").</summary>
        public string? Time { get; set; }

        public ContactMethod? Method { get; set; }
        public ContactOutcome? Outcome { get; set; }
        public string? Note { get; set; }

        /// <summary>The moment typed, in UTC, or null while the date or time is missing or not real.</summary>
        public DateTime? AtUtc() =>
            Date.ToDate() is { } date && UkTime.ParseTime(Time) is { } time ? UkTime.ToUtc(date, time) : null;
    }

    public sealed record Result(string Reference, ReferralStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the triage queue and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");

            RuleFor(c => c.Date).Cascade(CascadeMode.Stop)
                .Must(d => !d.IsEmpty).WithMessage("Enter the date of the contact attempt")
                .Must(d => d.ToDate() is not null).WithMessage("Date of the contact attempt must be a real date, like 2 11 2026")
                .Must(d => d.ToDate() <= UkTime.Today(clock)).WithMessage("Date of the contact attempt must be today or in the past");

            RuleFor(c => c.Time).Cascade(CascadeMode.Stop)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter the time of the contact attempt")
                .Must(t => UkTime.ParseTime(t) is not null).WithMessage("Enter the time using the 24-hour clock, like 14:30")
                .Must((c, _) => c.Date.ToDate() is null || c.AtUtc() is not null)
                .WithMessage("That time did not exist on that date because the clocks went forward: enter the time shown on the clock")
                .Must((c, _) => !IsFuture(c, clock)).WithMessage("Time of the contact attempt must be now or in the past");

            RuleFor(c => c.Method).NotNull().WithMessage("Select how you tried to contact them")
                .IsInEnum().WithMessage("Select how you tried to contact them");
            RuleFor(c => c.Outcome).NotNull().WithMessage("Select what happened")
                .IsInEnum().WithMessage("Select what happened");
            RuleFor(c => c.Note).OptionalText("Note", MaxNoteLength);
        }

        /// <summary>Future only when the date itself is today (a future date has its own message); 5 minutes' leeway for slow clocks.</summary>
        private static bool IsFuture(Command c, TimeProvider clock) =>
            c.Date.ToDate() == UkTime.Today(clock) && c.AtUtc() is { } at && at > clock.GetUtcNow().UtcDateTime.AddMinutes(5);
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q, cancellationToken);

            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                // EF's concurrency check compares with the version the user saw, so a change committed
                // between this read and the save below is refused too.
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;

                var attempt = referral.RecordContactAttempt(
                    request.AtUtc()!.Value, request.Method!.Value, request.Outcome!.Value, request.Note,
                    user.ToActor(), clock.GetUtcNow().UtcDateTime);

                audit.Record(AuditActions.ContactAttemptRecorded, "Referral", referral.Reference,
                    $"method={attempt.Method}; outcome={attempt.Outcome}; status={referral.Status}");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, referral.Status);
            }
            catch (DbUpdateConcurrencyException)
            {
                Forget();
                throw new ConcurrencyConflictException();
            }
            catch
            {
                // Nothing half-done may be saved later by another request handled in this scope.
                Forget();
                throw;
            }
        }

        private void Forget() => db.ChangeTracker.Clear();
    }
}
