using FluentValidation;
using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// A coordinator starts screening a referral that is received or being contacted. Sending it again once screening has
/// started changes nothing (a double click starts one screening).
/// </summary>
public static class StartScreening
{
    public sealed class Command : IRequest<Result>
    {
        /// <summary>From the URL, never bound from the form.</summary>
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed record Result(string Reference, bool Started);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the triage queue and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q, cancellationToken);
            if (referral.Status == ReferralStatus.Screening)
            {
                // Already started (by this click's twin, or by a colleague): nothing more to do.
                return new Result(referral.Reference, false);
            }
            return await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, referral, request.ConcurrencyStamp);
                referral.StartScreening(user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.ScreeningStarted, "Referral", referral.Reference);
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(referral.Reference, true);
            });
        }
    }
}
