using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// Paper or in session: one of the case's therapists enters all of a client's answers to one request in one form, on
/// the client's behalf. Every item needs an answer or "not answered" (so nothing is skipped by accident; the scoring
/// rules then decide whether a score can be made, as each manual says). Each instrument's answers are saved, then
/// the request is completed through <see cref="QuestionnaireCompletion"/> as <see cref="CompletionMode.EnteredByTherapist"/>
/// with the therapist's name: scored, audited, and any risk answer alerts the supervisor and therapists at once.
/// At the end of the sessions the client's comment about the service is entered with it. Posting a completed
/// request again changes nothing and says so; a page loaded before someone else's change is refused.
/// </summary>
public static class EnterAnswers
{
    /// <summary>The value the form sends for an item the client left blank.</summary>
    public const string NotAnswered = "none";

    /// <summary>The form's key of an item: the instrument's code and the item's number, as linked items are written (CORE-10:6).</summary>
    public static string Key(string instrumentCode, int itemNumber) =>
        $"{instrumentCode}:{itemNumber.ToString(CultureInfo.InvariantCulture)}";

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int RequestId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        /// <summary>By <see cref="Key"/>: the answer's value, or <see cref="NotAnswered"/>. Every item of every instrument.</summary>
        public Dictionary<string, string?> Answers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
        /// <summary>End of the sessions only: what the client wrote about the service.</summary>
        public string? FeedbackComment { get; set; }
        public bool MayQuoteFeedback { get; set; }
    }

    /// <param name="Completed">False when the request had already been completed (a repeated post): nothing changed.</param>
    public sealed record Result(string Reference, string ClientFirstName, bool Completed, int RiskAnswers);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.FeedbackComment).OptionalText("The comment about the service", QuestionnaireRequest.MaxFeedbackLength);
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, QuestionnaireCompletion completion, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.People)
                .Include(r => r.Allocations), cancellationToken);
            CaseQuestionnaires.EnsureTherapist(referral, user, "enter answers on a client's behalf");
            var questionnaire = await CaseQuestionnaires.LoadRequestAsync(db, referral, request.RequestId, cancellationToken);
            var person = referral.People.Single(p => p.Id == questionnaire.PersonId);

            // A repeated post (a double click, a refresh, the client finishing online meanwhile): one completion only.
            if (questionnaire.Status == QuestionnaireStatus.Completed)
            {
                return new Result(referral.Reference, person.FirstName, Completed: false, 0);
            }
            if (questionnaire.Status == QuestionnaireStatus.Cancelled)
            {
                throw new DomainException("These questionnaires were cancelled. Ask for them again to enter answers.");
            }
            if (questionnaire.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                throw new ConcurrencyConflictException();
            }
            var answers = Read(questionnaire, request.Answers);

            var now = clock.GetUtcNow().UtcDateTime;
            IReadOnlyList<RiskFlag> flags;
            try
            {
                db.Entry(questionnaire).Property(q => q.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                foreach (var response in questionnaire.Responses)
                {
                    questionnaire.SaveAnswers(response.Id, answers[response.Id], now);
                }
                if (questionnaire.Timepoint == Timepoint.End)
                {
                    questionnaire.SaveFeedback(request.FeedbackComment, request.MayQuoteFeedback);
                }
                flags = await completion.CompleteAsync(questionnaire, referral, CompletionMode.EnteredByTherapist, user.ToActor(), now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var completed = await db.QuestionnaireRequests.AnyAsync(q => q.Id == request.RequestId && q.Status == QuestionnaireStatus.Completed, cancellationToken);
                if (completed)
                {
                    return new Result(referral.Reference, person.FirstName, Completed: false, 0);
                }
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            if (flags.Count > 0) signal.Notify();
            return new Result(referral.Reference, person.FirstName, Completed: true, flags.Count);
        }

        /// <summary>The posted answers by response, checked against each instrument's own version; every item must be answered or marked not answered.</summary>
        private static Dictionary<int, IReadOnlyDictionary<int, int>> Read(QuestionnaireRequest questionnaire, IReadOnlyDictionary<string, string?> posted)
        {
            var lookup = new Dictionary<string, string?>(posted, StringComparer.OrdinalIgnoreCase);
            var errors = new List<(string, string)>();
            var result = new Dictionary<int, IReadOnlyDictionary<int, int>>();
            foreach (var response in questionnaire.Responses.OrderBy(r => r.SortOrder))
            {
                var definition = response.Definition;
                var answers = new Dictionary<int, int>();
                foreach (var item in definition.Items)
                {
                    var key = Key(response.InstrumentCode, item.Number);
                    var value = lookup.GetValueOrDefault(key)?.Trim();
                    if (string.Equals(value, NotAnswered, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    if (string.IsNullOrEmpty(value))
                    {
                        errors.Add(($"Answers[{key}]", $"Choose an answer to {definition.Name} question {item.Number}, or “Not answered”"));
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        && definition.OptionsFor(item).Any(o => o.Value == number))
                    {
                        answers[item.Number] = number;
                    }
                    else
                    {
                        errors.Add(($"Answers[{key}]", $"Choose one of the answers to {definition.Name} question {item.Number}"));
                    }
                }
                result[response.Id] = answers;
            }
            if (errors.Count > 0)
            {
                throw new ValidationFailedException(errors);
            }
            if (result.Values.All(a => a.Count == 0))
            {
                throw new DomainException("No question has been answered: if the client gave no answers, cancel these questionnaires instead.");
            }
            return result;
        }
    }
}
