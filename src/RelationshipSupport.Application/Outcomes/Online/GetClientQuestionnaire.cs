using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Online;

/// <summary>
/// What a client sees through their private link: the service's name, their own first name, and one step per
/// questionnaire with its instructions, items, answers to choose from and the answers they saved so far. Nothing
/// else about the case: no reference, no partner, no therapist, no scores. A link that does not work gives the
/// reason instead (audited as refused); a link that does is audited as opened.
/// </summary>
public static class GetClientQuestionnaire
{
    /// <param name="Token">The token from the link.</param>
    /// <param name="Page">Which page asks (step, check, thank-you): for the audit trail only.</param>
    /// <param name="AfterSubmit">The thank-you page: a submitted request is what it expects, not a refusal.</param>
    public sealed record Query(string? Token, string Page, bool AfterSubmit = false) : IRequest<Result>;

    public sealed record Result(LinkRefusal? Refusal, string? ServiceName, ClientQuestionnaire? Questionnaire)
    {
        public static readonly Result NotValid = new(LinkRefusal.NotValid, null, null);
    }

    public sealed record ClientQuestionnaire(
        int RequestId,
        string ServiceName,
        string ServicePhone,
        string ServiceEmail,
        string FirstName,
        Timepoint Timepoint,
        QuestionnaireStatus Status,
        DateTime LinkExpiresAtUtc,
        IReadOnlyList<Step> Steps,
        string? FeedbackComment,
        bool MayQuoteFeedback)
    {
        /// <summary>The end of the sessions: the check step also asks what the client thought of the service.</summary>
        public bool AsksForFeedback => Timepoint == Timepoint.End;

        /// <summary>Questionnaire steps, then one to check and submit.</summary>
        public int StepCount => Steps.Count + 1;

        /// <summary>Where a client coming back starts: the first step with an unanswered question, else the check step.</summary>
        public int ResumeStep => Steps.FirstOrDefault(s => s.Unanswered.Count > 0)?.Number ?? StepCount;

        public int UnansweredCount => Steps.Sum(s => s.Unanswered.Count);
    }

    public sealed record Step(int Number, string Code, string Name, string? Instructions, string? Copyright, IReadOnlyList<Item> Items)
    {
        public IReadOnlyList<Item> Unanswered => Items.Where(i => i.Answer is null).ToList();
    }

    public sealed record Item(int Number, string Text, IReadOnlyList<ResponseOption> Options, int? Answer);

    internal sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var questionnaire = await ClientLink.FindAsync(db, request.Token, tracking: false, cancellationToken);
            var refusal = ClientLink.Check(questionnaire, clock.GetUtcNow().UtcDateTime);
            if (request.AfterSubmit && refusal == LinkRefusal.AlreadySubmitted)
            {
                refusal = null;
            }
            if (refusal is not null)
            {
                await ClientLink.AuditRefusalAsync(db, audit, refusal.Value, questionnaire, request.Page, cancellationToken);
                var name = questionnaire is null ? null : await ServiceNameAsync(questionnaire, cancellationToken);
                return new Result(refusal, name, null);
            }

            var q = questionnaire!;
            var context = await db.Referrals.Where(r => r.Id == q.ReferralId)
                .Select(r => new
                {
                    r.Reference,
                    r.Programme!.Name,
                    r.Programme.ContactPhone,
                    r.Programme.ContactEmail,
                    FirstName = r.People.Where(p => p.Id == q.PersonId).Select(p => p.FirstName).Single(),
                })
                .SingleAsync(cancellationToken);
            audit.RecordRead(AuditActions.QuestionnaireOpenedByClient, "Referral", context.Reference,
                $"request={q.Id.ToString(CultureInfo.InvariantCulture)}; page={request.Page}; status={q.Status}");

            // Once submitted, the answers are not shown again: whoever holds the link sees only the thank-you.
            var steps = q.Status == QuestionnaireStatus.Completed ? [] : ClientLink.Steps(q).Select((response, index) =>
            {
                var definition = response.Definition;
                var answers = response.AnswerMap();
                return new Step(index + 1, definition.Code, definition.Name, definition.Instructions, definition.Copyright,
                    definition.Items.OrderBy(i => i.Number)
                        .Select(i => new Item(i.Number, i.Text, definition.OptionsFor(i), answers.TryGetValue(i.Number, out var a) ? a : null))
                        .ToList());
            }).ToList();
            return new Result(null, context.Name, new ClientQuestionnaire(
                q.Id, context.Name, context.ContactPhone, context.ContactEmail, context.FirstName, q.Timepoint, q.Status,
                q.LinkExpiresAtUtc!.Value, steps, q.FeedbackComment, q.MayQuoteFeedback));
        }

        private Task<string?> ServiceNameAsync(QuestionnaireRequest questionnaire, CancellationToken cancellationToken) =>
            db.Referrals.Where(r => r.Id == questionnaire.ReferralId).Select(r => r.Programme!.Name).SingleOrDefaultAsync(cancellationToken);
    }
}
