using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Outcomes;

/// <summary>
/// One of the case's therapists (not their supervisor, who reads the results) asks the clients for the programme's questionnaires at a timepoint: one request per
/// client (each partner answers separately), pinned to the current versions. With <see cref="Command.SendLinks"/>,
/// each client who agreed to email is sent a private link; the others answer on paper or in a session and the
/// therapist enters their answers. A client who already has an open or completed request for the timepoint (for
/// "every session", for that session) is skipped, so a repeated post creates nothing twice.
/// </summary>
public static class RequestQuestionnaires
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Timepoint Timepoint { get; set; }
        public int? SessionId { get; set; }
        /// <summary>The clients to ask; empty means every client on the case.</summary>
        public List<int> PersonIds { get; set; } = [];
        public bool SendLinks { get; set; } = true;
    }

    public sealed record Result(string Reference, int Created, int LinksSent, IReadOnlyList<string> WithoutEmail, int AlreadyAsked);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Timepoint).IsInEnum().WithMessage("Choose when in the case these questionnaires are for");
            RuleFor(c => c.SessionId).NotNull().When(c => c.Timepoint == Timepoint.EverySession)
                .WithMessage("Choose the session these questionnaires are for");
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, InstrumentCatalogue catalogue, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app, IOptions<QuestionnaireOptions> options, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.Programme), cancellationToken);
            Case.CaseQuestionnaires.EnsureTherapist(referral, user, "ask for questionnaires");
            var ended = referral.Status == ReferralStatus.Ended;
            if (!referral.IsCase && !(ended && request.Timepoint is Timepoint.End or Timepoint.FollowUp))
            {
                throw new DomainException(ended
                    ? "This case has ended: only end-of-sessions and follow-up questionnaires can be asked for."
                    : "Questionnaires can be asked for once the case is allocated.");
            }
            if (request.SessionId is { } sessionId && referral.Sessions.All(s => s.Id != sessionId))
            {
                throw new DomainException("That session belongs to another case.");
            }
            var clients = referral.People
                .Where(p => request.PersonIds.Count == 0 || request.PersonIds.Contains(p.Id))
                .OrderBy(p => p.Role).ToList();
            if (clients.Count == 0 || request.PersonIds.Any(id => referral.People.All(p => p.Id != id)))
            {
                throw new DomainException("Choose the clients on this case.");
            }
            var instruments = await catalogue.ScheduledAsync(referral.ProgrammeId, request.Timepoint, cancellationToken);
            if (instruments.Count == 0)
            {
                throw new DomainException($"The programme gives no questionnaires at “{request.Timepoint.Label()}”. An administrator sets them in the programme's settings.");
            }

            var personIds = clients.Select(c => c.Id).ToList();
            var askedAlready = await db.QuestionnaireRequests
                .Where(q => q.ReferralId == referral.Id && personIds.Contains(q.PersonId) && q.Timepoint == request.Timepoint
                    && q.SessionId == request.SessionId && q.Status != QuestionnaireStatus.Cancelled)
                .Select(q => q.PersonId).ToListAsync(cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            var by = user.ToActor();
            var created = new List<(QuestionnaireRequest Request, ReferralPerson Person)>();
            foreach (var client in clients.Where(c => !askedAlready.Contains(c.Id)))
            {
                var questionnaire = QuestionnaireRequest.Create(referral.Id, client.Id, request.Timepoint, request.SessionId,
                    instruments, now.AddDays(options.Value.DueInDays), by, now);
                db.QuestionnaireRequests.Add(questionnaire);
                created.Add((questionnaire, client));
            }

            var withoutEmail = new List<string>();
            var tokens = new List<(QuestionnaireRequest Request, ReferralPerson Person, string Token)>();
            foreach (var (questionnaire, client) in created)
            {
                if (request.SendLinks && referral.AgreedToEmail(client))
                {
                    tokens.Add((questionnaire, client, questionnaire.IssueLink(now, TimeSpan.FromDays(options.Value.LinkValidDays))));
                }
                else if (request.SendLinks)
                {
                    withoutEmail.Add(client.FirstName);
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (questionnaire, client, token) in tokens)
            {
                QuestionnaireEmails.EnqueueLink(outbox, app.Value, client, referral.Programme!.Name, questionnaire, token);
                audit.Record(AuditActions.QuestionnaireLinkSent, "Referral", referral.Reference,
                    $"request={questionnaire.Id.ToString(CultureInfo.InvariantCulture)}");
            }
            if (created.Count > 0)
            {
                audit.Record(AuditActions.QuestionnairesRequested, "Referral", referral.Reference,
                    $"timepoint={request.Timepoint}; requests={string.Join(",", created.Select(c => c.Request.Id))}; "
                    + $"instruments={string.Join(",", instruments.Select(i => $"{i.Code}v{i.Version}"))}; links={tokens.Count}");
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (tokens.Count > 0)
            {
                signal.Notify();
            }
            return new Result(referral.Reference, created.Count, tokens.Count, withoutEmail, askedAlready.Count);
        }
    }
}
