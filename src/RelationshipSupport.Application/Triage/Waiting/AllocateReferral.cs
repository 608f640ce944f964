using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// Allocates a waiting referral to one therapist, or to a lead and a co-therapist. Capacity is checked again here,
/// in the same unit of work as the allocation: a therapist with no free place needs the coordinator's explicit
/// confirmation. Two coordinators allocating at once cannot both fill a therapist's last place unnoticed: the
/// allocation also changes each therapist's concurrency stamp, so the second save is refused and checked again.
/// Each therapist is emailed (reference and a link only). Sending the same allocation twice records it once.
/// </summary>
public static class AllocateReferral
{
    public const string EmailKind = "case-allocated";

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        /// <summary>The therapist who leads (or the only one).</summary>
        public string? LeadTherapistId { get; set; }
        /// <summary>A co-therapist; empty for one therapist.</summary>
        public string? CoTherapistId { get; set; }
        /// <summary>The coordinator confirms allocating to a therapist who has no free place.</summary>
        public bool ConfirmOverCapacity { get; set; }

        public IReadOnlyList<string> TherapistIds() =>
            string.IsNullOrWhiteSpace(CoTherapistId) ? [LeadTherapistId!] : [LeadTherapistId!, CoTherapistId];
    }

    public sealed record Result(string Reference, int TherapistCount, bool AlreadyAllocated);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the waiting list and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.LeadTherapistId).NotEmpty().WithMessage("Select the therapist");
            RuleFor(c => c.CoTherapistId)
                .Must((c, co) => string.IsNullOrWhiteSpace(co) || co != c.LeadTherapistId)
                .WithMessage("Select a different co-therapist, or none");
        }
    }

    internal sealed class Handler(
        AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.Include(r => r.Allocations), cancellationToken);
            var ids = request.TherapistIds();

            // The same allocation already recorded (a double click, a repeated post): answer it, record nothing.
            var current = referral.Allocations.Where(a => a.EndedAtUtc is null).OrderBy(a => a.Role).Select(a => a.TherapistUserId).ToList();
            if (referral.Status == ReferralStatus.Allocated && current.SequenceEqual(ids))
            {
                return new Result(referral.Reference, ids.Count, AlreadyAllocated: true);
            }

            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;

                // Each therapist's record is read (with its version) before their open cases are counted, and its version
                // changes with this allocation: an allocation to the same therapist committed after this read makes
                // this save fail, and one committed before it is in the count.
                var therapists = await db.Users.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
                var options = await TherapistCapacity.LoadAsync(db, referral.Availability, ids.ToList(), cancellationToken);
                var chosen = ids.Select(id => options.SingleOrDefault(o => o.UserId == id)).ToList();
                if (chosen[0] is null)
                {
                    throw new ValidationFailedException(nameof(Command.LeadTherapistId), "Select a therapist from the list");
                }
                if (chosen.Count == 2 && chosen[1] is null)
                {
                    throw new ValidationFailedException(nameof(Command.CoTherapistId), "Select a co-therapist from the list, or none");
                }
                var full = chosen.Where(t => t!.AtCapacity).ToList();
                if (full.Count > 0 && !request.ConfirmOverCapacity)
                {
                    var t = full[0]!;
                    throw new ValidationFailedException(nameof(Command.ConfirmOverCapacity),
                        $"{t.Name} has no free place ({t.OpenCases} open {(t.OpenCases == 1 ? "case" : "cases")}, capacity {t.Capacity}): confirm that you want to allocate beyond capacity, or choose someone else");
                }

                var now = clock.GetUtcNow().UtcDateTime;
                referral.Allocate(ids, user.ToActor(), now);

                foreach (var therapist in therapists)
                {
                    therapist.ConcurrencyStamp = Guid.NewGuid().ToString();
                }

                foreach (var therapist in therapists.Where(t => !string.IsNullOrWhiteSpace(t.Email)))
                {
                    var lead = therapist.Id == ids[0];
                    outbox.Enqueue(EmailKind, therapist.Email!, "A case has been allocated to you",
                        Body(therapist.DisplayName, referral.Reference, lead, ids.Count == 2, app.Value.Link("/")));
                }
                audit.Record(AuditActions.ReferralAllocated, "Referral", referral.Reference,
                    $"therapists={ids.Count}; lead={ids[0]}{(ids.Count == 2 ? $"; co={ids[1]}" : "")}; over-capacity={(full.Count > 0 ? "yes" : "no")}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                db.ChangeTracker.Clear();
                if (ex.Entries.Any(e => e.Entity is StaffUser))
                {
                    throw new DomainException("Another case was allocated to the same therapist at the same moment: check their capacity below and allocate again.");
                }
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            signal.Notify();
            return new Result(referral.Reference, ids.Count, AlreadyAllocated: false);
        }
    }

    /// <summary>The therapist's email: the reference and where to sign in; never the client's name or any clinical detail.</summary>
    internal static string Body(string therapistName, string reference, bool lead, bool coTherapy, string homeLink)
    {
        var b = new StringBuilder();
        b.AppendLine($"Dear {therapistName},").AppendLine();
        b.AppendLine(coTherapy
            ? $"A case has been allocated to you as {(lead ? "lead therapist" : "co-therapist")}. Its reference is {reference}."
            : $"A case has been allocated to you. Its reference is {reference}.");
        b.AppendLine();
        b.AppendLine($"Sign in to the Relationship Support case system to see it: {homeLink}");
        b.AppendLine().AppendLine("This email was sent automatically. Please do not reply with personal or clinical details.");
        return b.ToString();
    }
}
