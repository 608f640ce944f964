using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// One of the case's therapists schedules a session (the rules are <see cref="Referral.ScheduleSession"/>'s: range,
/// length, therapists, no double booking). The therapists' other sessions around that time are loaded after their
/// records, and each therapist's concurrency stamp changes with the booking: two bookings for the same therapist saved
/// at the same moment cannot both pass, the second is refused and asked again. The clients who agreed to email contact
/// are sent an invitation. A form sent twice schedules one session (its submission id is recorded in the audit entry).
/// </summary>
public static class ScheduleSession
{
    public static readonly TimeOnly EarliestStart = new(7, 0);
    public static readonly TimeOnly LatestStart = new(22, 0);
    public const int MaxVenueLength = 200;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? Reference { get; set; }
        public Guid SubmissionId { get; set; }
        public DateInput Date { get; set; } = new();
        public string? StartTime { get; set; }
        public int? Minutes { get; set; }
        public SessionMode? Mode { get; set; }
        public string? Venue { get; set; }
        public List<string> TherapistIds { get; set; } = [];
        public SessionClients? Clients { get; set; }
    }

    public sealed record Result(string Reference, bool AlreadyScheduled, DateTime StartsAtUtc, int InvitationsQueued);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to the caseload and open it again");
            RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Date).Cascade(CascadeMode.Stop)
                .Must(d => !d.IsEmpty).WithMessage("Enter the date of the session")
                .Must(d => d.ToDate() is not null).WithMessage("Date of the session must be a real date, like 12 11 2026")
                .Must(d => d.ToDate() >= UkTime.Today(clock)).WithMessage("Date of the session must be today or in the future");
            RuleFor(c => c.StartTime).Cascade(CascadeMode.Stop)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter the start time")
                .Must(t => UkTime.ParseTime(t) is not null).WithMessage("Enter the start time as a 24-hour time, like 18:30")
                .Must(t => UkTime.ParseTime(t) is { } v && v >= EarliestStart && v <= LatestStart).WithMessage("Enter a start time between 07:00 and 22:00");
            RuleFor(c => c.Minutes).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter the length of the session in minutes")
                .GreaterThan(0).WithMessage("Length must be a number of minutes, like 50");
            RuleFor(c => c.Mode).NotNull().WithMessage("Select how the session is held");
            RuleFor(c => c.Venue).Cascade(CascadeMode.Stop)
                .Must((c, v) => c.Mode != SessionMode.InPerson || !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the venue for a session in person")
                .OptionalText("Venue", MaxVenueLength);
            RuleFor(c => c.TherapistIds).Must(ids => ids.Any(id => !string.IsNullOrWhiteSpace(id))).WithMessage("Select at least one therapist");
            RuleFor(c => c.Clients).NotNull().WithMessage("Select who is expected");
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions)
                .AsSplitQuery(), cancellationToken);
            if (await AlreadyScheduledAsync(referral.Reference, request.SubmissionId, cancellationToken) is { } done)
            {
                return done;
            }
            if (!user.IsInRole(Roles.Therapist) || !referral.IsAllocatedTo(user.UserId!))
            {
                throw new DomainException("Only the case's therapists can schedule its sessions.");
            }

            // The case's current therapists in order (lead first); the form's choice keeps that order.
            var caseTherapists = referral.CurrentAllocations.OrderBy(a => a.Role).ThenBy(a => a.AllocatedAtUtc).Select(a => a.TherapistUserId).ToList();
            var chosen = request.TherapistIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToList();
            if (chosen.Any(id => !caseTherapists.Contains(id)))
            {
                throw new ValidationFailedException(nameof(Command.TherapistIds), "Select the case's therapists");
            }
            var holders = caseTherapists.Where(chosen.Contains).ToList();
            var clients = referral.ClientType == ClientType.Individual ? SessionClients.PrimaryOnly : request.Clients!.Value;
            var startsAtUtc = UkTime.ToUtc(request.Date.ToDate()!.Value, UkTime.ParseTime(request.StartTime)!.Value)
                ?? throw new ValidationFailedException(nameof(Command.StartTime), "That time does not exist in the UK on that day (the clocks go forward): choose another time");

            var now = clock.GetUtcNow().UtcDateTime;
            var queued = 0;
            try
            {
                // The therapists' records first (with their versions), then their sessions: a booking committed after this
                // read changes a version and makes this save fail; one committed before it is among the sessions checked.
                var therapists = await db.Users.Where(u => holders.Contains(u.Id)).ToListAsync(cancellationToken);
                var windowStart = startsAtUtc.AddDays(-1);
                var windowEnd = startsAtUtc.AddDays(1);
                var others = await db.TherapySessions.AsNoTracking()
                    .Where(s => s.ReferralId != referral.Id
                        && (holders.Contains(s.TherapistUserId) || (s.CoTherapistUserId != null && holders.Contains(s.CoTherapistUserId)))
                        && s.StartsAtUtc > windowStart && s.StartsAtUtc < windowEnd)
                    .ToListAsync(cancellationToken);

                var session = referral.ScheduleSession(referral.Programme!, startsAtUtc, request.Minutes!.Value, request.Mode!.Value, request.Venue,
                    holders[0], holders.Count > 1 ? holders[1] : null, clients, others, user.ToActor(), now);
                foreach (var therapist in therapists)
                {
                    therapist.ConcurrencyStamp = Guid.NewGuid().ToString();
                }
                foreach (var person in SessionEmails.Recipients(referral, session))
                {
                    var (subject, body) = SessionEmails.Invitation(referral.Programme!.Name, person.FirstName, session);
                    outbox.Enqueue(SessionEmails.InvitationKind, person.Email!.Trim(), subject, body,
                        attachment: new TextAttachment("session.ics", "text/calendar; method=PUBLISH", SessionEmails.Ics(referral.Programme!.Name, referral.Reference, session)));
                    queued++;
                }
                audit.Record(AuditActions.SessionScheduled, "Referral", referral.Reference,
                    $"starts={startsAtUtc:O}; minutes={session.Minutes}; mode={session.Mode}; therapists={holders.Count}; extra={(session.IsExtra ? "yes" : "no")}; invitations={queued}; submission={request.SubmissionId}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                db.ChangeTracker.Clear();
                if (await AlreadyScheduledAsync(referral.Reference, request.SubmissionId, cancellationToken) is { } repeat)
                {
                    return repeat;
                }
                if (ex.Entries.Any(e => e.Entity is StaffUser))
                {
                    throw new DomainException("Another session was booked for the same therapist at the same moment: check the therapist's calendar and try again.");
                }
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            if (queued > 0) signal.Notify();
            return new Result(referral.Reference, false, startsAtUtc, queued);
        }

        private async Task<Result?> AlreadyScheduledAsync(string reference, Guid submissionId, CancellationToken ct)
        {
            var marker = $"submission={submissionId}";
            var found = await db.AuditEntries.AnyAsync(a =>
                a.Action == AuditActions.SessionScheduled && a.EntityType == "Referral" && a.EntityId == reference
                && a.Detail != null && a.Detail.EndsWith(marker), ct);
            return found ? new Result(reference, true, default, 0) : null;
        }
    }
}
