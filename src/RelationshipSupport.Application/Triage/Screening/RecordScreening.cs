using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// Records the screening checklist and its outcome: accept (to the waiting list, or to the initial suitability review
/// where the programme has a panel), not suitable (closed with a reason, signposting and the outcome emails), or refer
/// to a supervisor. Accepting against the criteria is for a supervisor only, with the reason recorded.
/// </summary>
public static class RecordScreening
{
    public sealed class Answer
    {
        public int CriterionId { get; set; }
        /// <summary>Inclusion: is it met? Exclusion: does it apply?</summary>
        public bool? Met { get; set; }
    }

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public List<Answer> Answers { get; set; } = [];
        public ScreeningOutcome? Outcome { get; set; }
        public string? Notes { get; set; }
        /// <summary>Supervisors only: why they accept although the criteria are not all satisfied.</summary>
        public string? OverrideReason { get; set; }
        public NotSuitableInput NotSuitable { get; set; } = new();
    }

    public sealed record Result(string Reference, ReferralStatus Status, ScreeningOutcome Outcome, bool Overridden);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The referral was not found: go back to the triage queue and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Answers).Must(a => a.Count <= 50).WithMessage("Too many answers: reload the page and try again");
            RuleFor(c => c.Outcome).NotNull().WithMessage("Select the outcome of screening")
                .IsInEnum().WithMessage("Select the outcome of screening");
            RuleFor(c => c.Notes).OptionalText("Notes", ScreeningRules.MaxNoteLength);
            RuleFor(c => c.OverrideReason).OptionalText("The reason for the override", ScreeningRules.MaxOverrideLength);
            ScreeningRules.NotSuitableRules(this, c => c.NotSuitable, c => c.Notes, nameof(Command.Notes), c => c.Outcome == ScreeningOutcome.NotSuitable);
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q
                .Include(r => r.Programme!).ThenInclude(p => p.Criteria)
                .Include(r => r.People)
                .Include(r => r.Screenings)
                .AsSplitQuery(), cancellationToken);
            var programme = referral.Programme!;

            // The same form sent twice (a double click): the first one's screening stands, no second one is recorded.
            var last = referral.Screenings.OrderByDescending(s => s.AtUtc).ThenByDescending(s => s.Id).FirstOrDefault();
            if (referral.ConcurrencyStamp != request.ConcurrencyStamp && last is not null && last.ByUserId == user.UserId
                && last.Outcome == request.Outcome && last.AtUtc >= clock.GetUtcNow().UtcDateTime.AddMinutes(-10))
            {
                return new Result(referral.Reference, referral.Status, last.Outcome, last.OverrideReason is not null);
            }

            var result = await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, referral, request.ConcurrencyStamp);
                var answers = Answers(request, programme);
                var services = request.Outcome == ScreeningOutcome.NotSuitable
                    ? await ScreeningRules.ChosenAsync(db, request.NotSuitable.SignpostingIds, "NotSuitable.SignpostingIds", cancellationToken)
                    : [];
                var actor = user.ToActor();
                if (request.Outcome == ScreeningOutcome.Accept && actor.IsSupervisor && string.IsNullOrWhiteSpace(request.OverrideReason) && Blocks(programme, answers))
                {
                    throw new ValidationFailedException(nameof(Command.OverrideReason),
                        "Give the reason for accepting this referral although the criteria are not all satisfied");
                }

                var screening = referral.RecordScreening(programme, answers, request.Outcome!.Value, request.Notes,
                    actor.IsSupervisor ? request.OverrideReason : null, actor, clock.GetUtcNow().UtcDateTime,
                    request.NotSuitable.Reason, services.Select(s => s.Id).ToList());

                audit.Record(AuditActions.Screened, "Referral", referral.Reference, $"outcome={screening.Outcome}; status={referral.Status}");
                if (screening.OverrideReason is not null)
                {
                    audit.Record(AuditActions.ScreeningOverride, "Referral", referral.Reference);
                }
                if (referral.Status == ReferralStatus.NotSuitable)
                {
                    audit.Record(AuditActions.NotSuitable, "Referral", referral.Reference, $"reason={referral.ClosureReason}; services={services.Count}");
                    ScreeningRules.QueueNotSuitableEmails(outbox, referral, programme, services);
                }
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(referral.Reference, referral.Status, screening.Outcome, screening.OverrideReason is not null);
            });
            if (result.Status == ReferralStatus.NotSuitable) signal.Notify();
            return result;
        }

        /// <summary>Every active criterion must be answered; the messages name the criterion.</summary>
        private static Dictionary<int, bool> Answers(Command request, Programme programme)
        {
            var byId = request.Answers.GroupBy(a => a.CriterionId).ToDictionary(g => g.Key, g => g.Last().Met);
            var missing = new List<(string, string)>();
            var criteria = programme.Criteria.Where(c => c.IsActive).OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ToList();
            var answers = new Dictionary<int, bool>();
            foreach (var c in criteria)
            {
                if (byId.TryGetValue(c.Id, out var met) && met is { } value)
                {
                    answers[c.Id] = value;
                    continue;
                }
                var index = request.Answers.FindIndex(a => a.CriterionId == c.Id);
                var key = index < 0 ? nameof(Command.Answers) : $"{nameof(Command.Answers)}[{index}].{nameof(Answer.Met)}";
                missing.Add((key, c.Kind == CriterionKind.Inclusion ? $"Say whether \"{c.Text}\" is met" : $"Say whether \"{c.Text}\" applies"));
            }
            if (missing.Count > 0) throw new ValidationFailedException(missing);
            return answers;
        }

        private static bool Blocks(Programme programme, Dictionary<int, bool> answers) =>
            programme.Criteria.Where(c => c.IsActive).Any(c => c.Kind == CriterionKind.Exclusion ? answers[c.Id] : !answers[c.Id]);
    }
}
