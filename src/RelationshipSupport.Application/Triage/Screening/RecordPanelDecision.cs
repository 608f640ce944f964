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
/// Records the screening panel's decision on one case of a meeting, by the clinical lead's name: accepted (to the
/// waiting list), not suitable (closed with a reason, signposting and the outcome emails) or deferred (with what the
/// panel needs; it can go on a later meeting's list).
/// </summary>
public static class RecordPanelDecision
{
    public sealed class Command : IRequest<Result>
    {
        public int MeetingId { get; set; }
        /// <summary>From the URL.</summary>
        public string? Reference { get; set; }
        /// <summary>The meeting's version the user saw.</summary>
        public Guid ConcurrencyStamp { get; set; }
        public PanelDecision? Decision { get; set; }
        public string? Note { get; set; }
        public string? DecidedByName { get; set; }
        public NotSuitableInput NotSuitable { get; set; } = new();
    }

    public sealed record Result(int MeetingId, string Reference, PanelDecision Decision, ReferralStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the meeting and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Decision).NotNull().WithMessage("Select the panel's decision")
                .Must(d => d is PanelDecision.Accepted or PanelDecision.NotSuitable or PanelDecision.Deferred).WithMessage("Select the panel's decision");
            RuleFor(c => c.DecidedByName).RequiredText("Enter the name of the clinical lead who made the decision", "Name of the clinical lead", CreatePanelMeeting.MaxNameLength);
            RuleFor(c => c.Note).OptionalText("Note", ScreeningRules.MaxNoteLength);
            RuleFor(c => c.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Say what the panel needs before it can decide")
                .When(c => c.Decision == PanelDecision.Deferred);
            ScreeningRules.NotSuitableRules(this, c => c.NotSuitable, c => c.Note, nameof(Command.Note), c => c.Decision == PanelDecision.NotSuitable);
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
                .AsSplitQuery(), cancellationToken);
            var meeting = await PanelAccess.LoadVisibleAsync(db, visibility, audit, request.MeetingId, q => q.Include(m => m.Cases), cancellationToken);
            var panelCase = meeting.Cases.SingleOrDefault(c => c.ReferralId == referral.Id)
                ?? throw new DomainException("That referral is not on this meeting's list.");
            if (panelCase.Decision != PanelDecision.Pending && panelCase.Decision == request.Decision && panelCase.RecordedByUserId == user.UserId
                && meeting.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                // The same decision sent twice: the first stands.
                return new Result(meeting.Id, referral.Reference, panelCase.Decision, referral.Status);
            }

            var result = await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, meeting, request.ConcurrencyStamp);
                var services = request.Decision == PanelDecision.NotSuitable
                    ? await ScreeningRules.ChosenAsync(db, request.NotSuitable.SignpostingIds, "NotSuitable.SignpostingIds", cancellationToken)
                    : [];
                meeting.Decide(referral, request.Decision!.Value, request.Note, request.DecidedByName!, user.ToActor(), clock.GetUtcNow().UtcDateTime,
                    request.NotSuitable.Reason, services.Select(s => s.Id).ToList());
                audit.Record(AuditActions.PanelDecisionRecorded, "Referral", referral.Reference, $"meeting={meeting.Id}; decision={request.Decision}; status={referral.Status}");
                if (referral.Status == ReferralStatus.NotSuitable)
                {
                    audit.Record(AuditActions.NotSuitable, "Referral", referral.Reference, $"reason={referral.ClosureReason}; services={services.Count}");
                    ScreeningRules.QueueNotSuitableEmails(outbox, referral, referral.Programme!, services);
                }
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(meeting.Id, referral.Reference, request.Decision.Value, referral.Status);
            });
            if (result.Status == ReferralStatus.NotSuitable) signal.Notify();
            return result;
        }
    }
}
