using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// Programmes with a screening panel: the head of service's initial suitability review. Suitable referrals wait for
/// the panel; the others close as not suitable with a reason, signposting and the outcome emails.
/// </summary>
public static class ReviewSuitability
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public bool? Suitable { get; set; }
        public string? Note { get; set; }
        public NotSuitableInput NotSuitable { get; set; } = new();
    }

    public sealed record Result(string Reference, ReferralStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the triage queue and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Suitable).NotNull().WithMessage("Select whether the referral is initially suitable");
            RuleFor(c => c.Note).OptionalText("Note", ScreeningRules.MaxNoteLength);
            ScreeningRules.NotSuitableRules(this, c => c.NotSuitable, c => c.Note, nameof(Command.Note), c => c.Suitable == false);
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.StatusChanges)
                .AsSplitQuery(), cancellationToken);

            // Sent twice: the first review stands.
            var expected = request.Suitable == true ? ReferralStatus.ScreeningPanel : ReferralStatus.NotSuitable;
            var lastChange = referral.StatusChanges.OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).FirstOrDefault();
            if (referral.ConcurrencyStamp != request.ConcurrencyStamp && referral.Status == expected
                && lastChange is { From: ReferralStatus.SuitabilityReview } && lastChange.ByUserId == user.UserId)
            {
                return new Result(referral.Reference, referral.Status);
            }

            var result = await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, referral, request.ConcurrencyStamp);
                var services = request.Suitable == false
                    ? await ScreeningRules.ChosenAsync(db, request.NotSuitable.SignpostingIds, "NotSuitable.SignpostingIds", cancellationToken)
                    : [];
                referral.ReviewSuitability(request.Suitable!.Value, request.Note, user.ToActor(), clock.GetUtcNow().UtcDateTime,
                    request.NotSuitable.Reason, services.Select(s => s.Id).ToList());
                audit.Record(AuditActions.SuitabilityReviewed, "Referral", referral.Reference, $"suitable={request.Suitable}; status={referral.Status}");
                if (referral.Status == ReferralStatus.NotSuitable)
                {
                    audit.Record(AuditActions.NotSuitable, "Referral", referral.Reference, $"reason={referral.ClosureReason}; services={services.Count}");
                    ScreeningRules.QueueNotSuitableEmails(outbox, referral, referral.Programme!, services);
                }
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(referral.Reference, referral.Status);
            });
            if (result.Status == ReferralStatus.NotSuitable) signal.Notify();
            return result;
        }
    }
}
