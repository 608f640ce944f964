using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Outcomes.Online;

/// <summary>
/// The client saves their answers to one step (one questionnaire) through their private link; questions may be left
/// unanswered, and the client can come back to the rest with the same link until they submit. The step is found
/// through the token alone. An answer that is not one of the question's own is refused (a changed form) and nothing is
/// saved. Saving the same answers again writes nothing. The audit entry says which questionnaire and how many
/// questions were answered, never the answers.
/// </summary>
public static class SaveClientAnswers
{
    public sealed class Command : IRequest<Result>
    {
        public string? Token { get; set; }
        /// <summary>The step (1 = the first questionnaire).</summary>
        public int Step { get; set; }
        /// <summary>Answer values by item number; an unanswered item is absent.</summary>
        public Dictionary<int, int> Answers { get; set; } = [];
    }

    /// <param name="StepCount">Questionnaire steps plus the check step, so the page knows where "continue" leads.</param>
    public sealed record Result(LinkRefusal? Refusal, int StepCount, bool Changed);

    internal sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            // Another tab may save at the same moment: the later save is applied again to the fresh copy, once.
            for (var attempt = 1; ; attempt++)
            {
                var questionnaire = await ClientLink.FindAsync(db, request.Token, tracking: true, cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                if (ClientLink.Check(questionnaire, now) is { } refusal)
                {
                    await ClientLink.AuditRefusalAsync(db, audit, refusal, questionnaire, "save", cancellationToken);
                    db.ChangeTracker.Clear();
                    return new Result(refusal, 0, false);
                }
                var steps = ClientLink.Steps(questionnaire!);
                if (request.Step < 1 || request.Step > steps.Count)
                {
                    db.ChangeTracker.Clear();
                    throw new DomainException("That page is not part of your questionnaires. Open your link again.");
                }
                var response = steps[request.Step - 1];
                var answers = request.Answers ?? [];
                var current = response.AnswerMap();
                if (current.Count == answers.Count && answers.All(a => current.TryGetValue(a.Key, out var v) && v == a.Value))
                {
                    db.ChangeTracker.Clear();
                    return new Result(null, steps.Count + 1, false);
                }
                try
                {
                    questionnaire!.SaveAnswers(response.Id, answers, now);
                    var reference = await ClientLink.ReferenceAsync(db, questionnaire, cancellationToken);
                    audit.Record(AuditActions.QuestionnaireAnswersSavedByClient, "Referral", reference,
                        $"request={questionnaire.Id.ToString(CultureInfo.InvariantCulture)}; instrument={response.InstrumentCode}; "
                        + $"answered={answers.Count.ToString(CultureInfo.InvariantCulture)}/{response.Definition.Items.Count.ToString(CultureInfo.InvariantCulture)}");
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return new Result(null, steps.Count + 1, true);
                }
                catch (DbUpdateConcurrencyException) when (attempt == 1)
                {
                    db.ChangeTracker.Clear();
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
}
