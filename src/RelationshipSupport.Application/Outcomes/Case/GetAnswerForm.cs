using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// The form a therapist fills in with a client's answers from paper or a session: every instrument of one request
/// with its exact wording and answers (from the version it was asked with), any answers already saved (a client who
/// started online), and whether it can still be entered. Clinical level; audited as an outcomes view.
/// </summary>
public static class GetAnswerForm
{
    public sealed record Query(string? Reference, int RequestId) : IRequest<Result>;

    public sealed record Item(string Key, int Number, string Text, IReadOnlyList<ResponseOption> Options);

    public sealed record Instrument(string Code, string Name, int Version, string? Instructions, string? Copyright, IReadOnlyList<Item> Items);

    public sealed record Result(
        int RequestId,
        string ClientName,
        Timepoint Timepoint,
        string? SessionLabel,
        QuestionnaireStatus Status,
        /// <summary>The user may enter answers now: one of the case's therapists, and the request is open.</summary>
        bool CanEnter,
        bool IsTherapist,
        DateTime? CompletedAtUtc,
        CompletionMode? Mode,
        string? EnteredByName,
        Guid ConcurrencyStamp,
        IReadOnlyList<Instrument> Instruments,
        /// <summary>Answers saved so far, by <see cref="EnterAnswers.Key"/>.</summary>
        IReadOnlyDictionary<string, string> Saved,
        bool AsksFeedback,
        string? FeedbackComment,
        bool MayQuoteFeedback);

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.AsNoTracking()
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions), cancellationToken);
            var questionnaire = await db.QuestionnaireRequests.AsNoTracking()
                .Include(q => q.Responses).ThenInclude(r => r.Instrument)
                .Include(q => q.Responses).ThenInclude(r => r.Answers)
                .AsSplitQuery()
                .SingleOrDefaultAsync(q => q.Id == request.RequestId && q.ReferralId == referral.Id, cancellationToken)
                ?? throw new NotFoundException("Questionnaire request", request.RequestId);
            var person = referral.People.Single(p => p.Id == questionnaire.PersonId);
            var session = referral.Sessions.SingleOrDefault(s => s.Id == questionnaire.SessionId);
            var therapist = CaseQuestionnaires.MayWork(referral, user);

            var instruments = questionnaire.Responses.OrderBy(r => r.SortOrder).Select(r =>
            {
                var d = r.Definition;
                return new Instrument(r.InstrumentCode, d.Name, r.Instrument!.Version, d.Instructions, d.Copyright,
                    d.Items.Select(i => new Item(EnterAnswers.Key(r.InstrumentCode, i.Number), i.Number, i.Text, d.OptionsFor(i))).ToList());
            }).ToList();
            var saved = questionnaire.Responses
                .SelectMany(r => r.Answers.Select(a => (Key: EnterAnswers.Key(r.InstrumentCode, a.ItemNumber), a.Value)))
                .ToDictionary(a => a.Key, a => a.Value.ToString(CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

            audit.RecordRead(AuditActions.OutcomesViewed, "Referral", referral.Reference,
                $"access={level}; page=enter; request={questionnaire.Id.ToString(CultureInfo.InvariantCulture)}");
            return new Result(
                questionnaire.Id,
                person.FullName.Trim(),
                questionnaire.Timepoint,
                session is null ? null : NoteSupport.SessionLabel(session),
                questionnaire.Status,
                therapist && questionnaire.IsOpen,
                therapist,
                questionnaire.CompletedAtUtc,
                questionnaire.Mode,
                questionnaire.EnteredByName,
                questionnaire.ConcurrencyStamp,
                instruments,
                saved,
                questionnaire.Timepoint == Timepoint.End,
                questionnaire.FeedbackComment,
                questionnaire.MayQuoteFeedback);
        }
    }
}
