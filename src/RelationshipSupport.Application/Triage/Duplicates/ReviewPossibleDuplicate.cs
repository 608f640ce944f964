using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Duplicates;

/// <summary>
/// A coordinator's decision about a possible duplicate: the same person (linked, both kept), not the same person
/// (dismissed: no longer offered), or the same person and this referral is closed as a duplicate of the other.
/// Sending the same decision again records nothing more.
/// </summary>
public static class ReviewPossibleDuplicate
{
    public enum Decision
    {
        Link = 1,
        Dismiss = 2,
        CloseAsDuplicate = 3,
    }

    public sealed class Command : IRequest<Result>
    {
        /// <summary>This referral: set by the page from the URL.</summary>
        public string? Reference { get; set; }
        /// <summary>The other referral, as listed.</summary>
        public string? OtherReference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public Decision? Decision { get; set; }
    }

    public sealed record Result(string Reference, string OtherReference, Decision Decision, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back and open it again");
            RuleFor(c => c.OtherReference).NotEmpty().WithMessage("Select one of the possible duplicates");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Decision).NotNull().IsInEnum().WithMessage("Select what to do with the possible duplicate");
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.Include(r => r.DuplicateReviews), cancellationToken);
            var other = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.OtherReference, q => q.AsNoTracking(), cancellationToken);
            if (other.Id == referral.Id)
            {
                throw new DomainException("A referral cannot be a duplicate of itself.");
            }
            var decision = request.Decision!.Value;
            var recorded = decision == Decision.Dismiss ? DuplicateDecision.Dismissed : DuplicateDecision.Linked;
            var existing = referral.DuplicateReviews.FirstOrDefault(d => d.OtherReferralId == other.Id);
            var alreadyDone = existing?.Decision == recorded
                && (decision != Decision.CloseAsDuplicate || referral.ClosureReason == ClosureReason.DuplicateReferral);
            if (alreadyDone)
            {
                return new Result(referral.Reference, other.Reference, decision, Changed: false);
            }

            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var now = clock.GetUtcNow().UtcDateTime;
                var actor = user.ToActor();
                // The domain method reads only the other's id: a detached copy is enough.
                referral.ReviewDuplicate(other, recorded, actor, now);
                audit.Record(AuditActions.DuplicateReviewed, "Referral", referral.Reference, $"other={other.Reference}; decision={recorded}");
                if (decision == Decision.CloseAsDuplicate)
                {
                    referral.Close(ClosureReason.DuplicateReferral, $"Duplicate of {other.Reference}", actor, now);
                    audit.Record(AuditActions.ReferralClosed, "Referral", referral.Reference, $"reason={ClosureReason.DuplicateReferral}; other={other.Reference}");
                }
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, other.Reference, decision, Changed: true);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            catch (DbUpdateException)
            {
                // The unique (referral, other) index: another request recorded a decision at the same moment.
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }
}
