using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>
/// The case's therapist offers therapy once every required assessment is signed off (the domain's rule): the case
/// moves to In therapy. Carries the case's concurrency stamp; offering again changes nothing.
/// </summary>
public static class OfferTherapy
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed record Result(string Reference, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to your caseload and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Assessments)
                .AsSplitQuery(), cancellationToken);
            if (referral.Status == ReferralStatus.InTherapy && referral.TherapyOfferedAtUtc is not null && referral.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                return new Result(referral.Reference, Changed: false);
            }
            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                referral.OfferTherapy(referral.Programme!, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.TherapyOffered, "Referral", referral.Reference);
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, Changed: true);
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
