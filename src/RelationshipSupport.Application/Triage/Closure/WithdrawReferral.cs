using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Closure;

/// <summary>
/// The person withdrew: allowed from any open state, with an optional note and an explicit confirmation. Open
/// allocations end with it. Withdrawing twice records once.
/// </summary>
public static class WithdrawReferral
{
    public const int MaxNoteLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public string? Note { get; set; }
        public bool Confirm { get; set; }
    }

    public sealed record Result(string Reference, int AllocationsEnded, bool AlreadyWithdrawn);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Note).OptionalText("Note", MaxNoteLength);
            RuleFor(c => c.Confirm).Equal(true).WithMessage("Confirm that the person has withdrawn");
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.Include(r => r.Allocations), cancellationToken);
            if (referral.Status == ReferralStatus.Withdrawn)
            {
                return new Result(referral.Reference, 0, AlreadyWithdrawn: true);
            }
            if (!referral.IsOpen)
            {
                throw new DomainException($"This referral is {ReferralWorkflow.Describe(referral.Status).ToLowerInvariant()}: it can no longer be withdrawn.");
            }

            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var open = referral.Allocations.Count(a => a.EndedAtUtc is null);
                var from = referral.Status;
                referral.Withdraw(request.Note, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.ReferralWithdrawn, "Referral", referral.Reference, $"from={from}; allocations-ended={open}");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, open, AlreadyWithdrawn: false);
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
        }
    }
}
