using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Online;

/// <summary>
/// The client submits their questionnaires through their private link (with, at the end of the sessions, what they
/// would like to tell the service, and whether it may be quoted). Completion is <see cref="QuestionnaireCompletion"/>'s,
/// as for answers a therapist enters: every instrument scored with its own version, a high-risk alert for each area a
/// risk answer touches (the supervisor and the therapists emailed through the outbox at once), audited. Submitting
/// twice (a double click, two tabs, the form posted again) stores one completion: the request's concurrency stamp
/// lets only one save win, and the other is told the questionnaires were already submitted.
/// </summary>
public static class SubmitClientQuestionnaire
{
    public sealed class Command : IRequest<Result>
    {
        public string? Token { get; set; }
        /// <summary>End of the sessions only: anything the client would like to tell the service.</summary>
        public string? FeedbackComment { get; set; }
        public bool MayQuoteFeedback { get; set; }
    }

    /// <param name="RiskAreas">The areas of the risk answers just raised with the clinicians (empty when none, or when refused).</param>
    public sealed record Result(LinkRefusal? Refusal, int RequestId, IReadOnlyList<RiskArea> RiskAreas)
    {
        public bool Submitted => Refusal is null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FeedbackComment).MaximumLength(QuestionnaireRequest.MaxFeedbackLength)
                .WithMessage($"Your comment must be {QuestionnaireRequest.MaxFeedbackLength:N0} characters or fewer");
        }
    }

    internal sealed class Handler(AppDbContext db, QuestionnaireCompletion completion, AuditLog audit, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var questionnaire = await ClientLink.FindAsync(db, request.Token, tracking: true, cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                if (ClientLink.Check(questionnaire, now) is { } refusal)
                {
                    await ClientLink.AuditRefusalAsync(db, audit, refusal, questionnaire, "submit", cancellationToken);
                    db.ChangeTracker.Clear();
                    return new Result(refusal, questionnaire?.Id ?? 0, []);
                }
                var q = questionnaire!;
                IReadOnlyList<RiskFlag> flags;
                try
                {
                    var referral = await db.Referrals.Include(r => r.Allocations).SingleAsync(r => r.Id == q.ReferralId, cancellationToken);
                    if (q.Timepoint == Timepoint.End)
                    {
                        q.SaveFeedback(request.FeedbackComment, request.MayQuoteFeedback);
                    }
                    flags = await completion.CompleteAsync(q, referral, CompletionMode.Online, null, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone else saved this request since it was read: most likely the same client's other submit.
                    // The next pass reads it again and answers "already submitted"; an answer saved from another tab
                    // in between is simply included.
                    db.ChangeTracker.Clear();
                    if (attempt == 2) throw new ConcurrencyConflictException();
                    continue;
                }
                catch
                {
                    db.ChangeTracker.Clear();
                    throw;
                }
                signal.Notify();
                return new Result(null, q.Id, flags.Select(f => f.Area).Distinct().Order().ToList());
            }
        }
    }
}
