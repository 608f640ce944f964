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

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// One of the case's therapists sends a client a new private link to their open questionnaires (the first, or a new
/// one when the email went astray or the link expired): any earlier link stops working. Only to a client who agreed
/// to email about their case (<c>Referral.AgreedToEmail</c>). The request's concurrency stamp refuses a stale page; the
/// same form sent twice (a double click) sends one email.
/// </summary>
public static class ResendLink
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int RequestId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed record Result(string Reference, string ClientFirstName, bool Sent, DateTime LinkExpiresAtUtc);

    /// <summary>A post this soon after a link went out, from the page shown before it, is the same click again.</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(2);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app, IOptions<QuestionnaireOptions> options, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Programme), cancellationToken);
            CaseQuestionnaires.EnsureTherapist(referral, user, "send questionnaire links");
            var questionnaire = await CaseQuestionnaires.LoadRequestAsync(db, referral, request.RequestId, cancellationToken);
            var person = referral.People.Single(p => p.Id == questionnaire.PersonId);
            var now = clock.GetUtcNow().UtcDateTime;

            if (questionnaire.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                if (questionnaire.IsOpen && questionnaire.LinkSentAtUtc > now - RepeatWindow)
                {
                    return new Result(referral.Reference, person.FirstName, Sent: false, questionnaire.LinkExpiresAtUtc!.Value);
                }
                throw new ConcurrencyConflictException();
            }
            if (!CaseQuestionnaires.MayAskFor(referral, questionnaire.Timepoint))
            {
                throw new DomainException("This case has ended: only end-of-sessions and follow-up questionnaires can be sent.");
            }
            if (!referral.AgreedToEmail(person))
            {
                throw new DomainException($"{person.FirstName} has not agreed to be contacted by email (or domestic abuse was not ruled out): give them the questionnaires on paper or in a session and enter their answers.");
            }

            try
            {
                db.Entry(questionnaire).Property(q => q.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var token = questionnaire.IssueLink(now, TimeSpan.FromDays(options.Value.LinkValidDays));
                QuestionnaireEmails.EnqueueLink(outbox, app.Value, person, referral.Programme!.Name, questionnaire, token);
                audit.Record(AuditActions.QuestionnaireLinkSent, "Referral", referral.Reference,
                    $"request={questionnaire.Id.ToString(CultureInfo.InvariantCulture)}; timepoint={questionnaire.Timepoint}; again=yes");
                await db.SaveChangesAsync(cancellationToken);
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
            signal.Notify();
            return new Result(referral.Reference, person.FirstName, Sent: true, questionnaire.LinkExpiresAtUtc!.Value);
        }
    }
}
