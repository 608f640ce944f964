using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// A supervisor marks a referral on the waiting list as a priority (with the reason) or removes the mark. Anyone
/// else is refused here, whatever the page showed them. Sending the same choice again changes nothing.
/// </summary>
public static class SetReferralPriority
{
    public const int MaxReasonLength = 500;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Set by the page from the URL.</summary>
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public bool? IsPriority { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record Result(string Reference, bool IsPriority, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the waiting list and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.IsPriority).NotNull().WithMessage("Select whether this referral is a priority");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must((c, reason) => c.IsPriority != true || !string.IsNullOrWhiteSpace(reason)).WithMessage("Enter the reason this referral is a priority")
                .OptionalText("Reason", MaxReasonLength);
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q, cancellationToken);
            if (!user.IsInRole(Roles.Supervisor))
            {
                throw new DomainException("Only a supervisor can set a referral's priority.");
            }
            var priority = request.IsPriority!.Value;
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            // A repeat of what is already recorded (a double click, a refresh) is answered without a second record.
            if (referral.IsPriority == priority && (!priority || referral.PriorityReason == reason))
            {
                return new Result(referral.Reference, priority, Changed: false);
            }

            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                referral.SetPriority(priority, reason, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.PrioritySet, "Referral", referral.Reference, priority ? "priority=yes" : "priority=no");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, priority, Changed: true);
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
