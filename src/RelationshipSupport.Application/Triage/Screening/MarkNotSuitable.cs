using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The not-suitable step on its own: closes a referral in screening or in initial suitability review with a reason,
/// a note and the services the person is pointed to, and queues the outcome emails (to the person where it is safe,
/// and to the professional referrer). A referral waiting for the panel is decided at the panel meeting instead.
/// </summary>
public static class MarkNotSuitable
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public string? Note { get; set; }
        public NotSuitableInput NotSuitable { get; set; } = new();
    }

    public sealed record Result(string Reference, ReferralStatus Status, int EmailsQueued);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the triage queue and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Note).OptionalText("Note", ScreeningRules.MaxNoteLength);
            ScreeningRules.NotSuitableRules(this, c => c.NotSuitable, c => c.Note, nameof(Command.Note), _ => true);
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

            var lastChange = referral.StatusChanges.OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).FirstOrDefault();
            if (referral.Status == ReferralStatus.NotSuitable && referral.ConcurrencyStamp != request.ConcurrencyStamp && lastChange?.ByUserId == user.UserId)
            {
                return new Result(referral.Reference, referral.Status, 0);
            }

            var result = await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, referral, request.ConcurrencyStamp);
                var services = await ScreeningRules.ChosenAsync(db, request.NotSuitable.SignpostingIds, "NotSuitable.SignpostingIds", cancellationToken);
                var actor = user.ToActor();
                var now = clock.GetUtcNow().UtcDateTime;
                var ids = services.Select(s => s.Id).ToList();
                switch (referral.Status)
                {
                    case ReferralStatus.Screening:
                        referral.MarkNotSuitable(request.NotSuitable.Reason!.Value, request.Note, ids, actor, now);
                        break;
                    case ReferralStatus.SuitabilityReview:
                        referral.ReviewSuitability(false, request.Note, actor, now, request.NotSuitable.Reason, ids);
                        audit.Record(AuditActions.SuitabilityReviewed, "Referral", referral.Reference, "suitable=False; status=NotSuitable");
                        break;
                    case ReferralStatus.ScreeningPanel:
                        throw new DomainException("This referral is waiting for the screening panel: record the panel's decision at its meeting.");
                    default:
                        throw new DomainException(
                            $"Only a referral in screening or in initial suitability review can be found not suitable here (it is \"{ReferralWorkflow.Describe(referral.Status).ToLowerInvariant()}\").");
                }
                audit.Record(AuditActions.NotSuitable, "Referral", referral.Reference, $"reason={referral.ClosureReason}; services={services.Count}");
                var before = db.ChangeTracker.Entries<Domain.Messaging.OutboxMessage>().Count();
                ScreeningRules.QueueNotSuitableEmails(outbox, referral, referral.Programme!, services);
                var queued = db.ChangeTracker.Entries<Domain.Messaging.OutboxMessage>().Count() - before;
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(referral.Reference, referral.Status, queued);
            });
            signal.Notify();
            return result;
        }
    }
}
