using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// One of the case's therapists cancels a client's open questionnaires (asked for by mistake, or no longer wanted):
/// the client's link stops working and it no longer shows as overdue. Its answers so far stay, unscored. Asking for
/// the same timepoint again makes a new request. Cancelling twice changes nothing; a stale page is refused.
/// </summary>
public static class CancelQuestionnaire
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int RequestId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed record Result(string Reference, string ClientFirstName, bool Cancelled);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.People)
                .Include(r => r.Allocations), cancellationToken);
            CaseQuestionnaires.EnsureTherapist(referral, user, "cancel questionnaires");
            var questionnaire = await CaseQuestionnaires.LoadRequestAsync(db, referral, request.RequestId, cancellationToken);
            var person = referral.People.Single(p => p.Id == questionnaire.PersonId);
            if (questionnaire.Status == QuestionnaireStatus.Cancelled)
            {
                return new Result(referral.Reference, person.FirstName, Cancelled: false);
            }
            if (questionnaire.ConcurrencyStamp != request.ConcurrencyStamp && questionnaire.IsOpen)
            {
                throw new ConcurrencyConflictException();
            }

            try
            {
                db.Entry(questionnaire).Property(q => q.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                // The domain refuses a completed request with its own words.
                questionnaire.Cancel(clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.QuestionnaireCancelled, "Referral", referral.Reference,
                    $"request={questionnaire.Id.ToString(CultureInfo.InvariantCulture)}; timepoint={questionnaire.Timepoint}");
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
            return new Result(referral.Reference, person.FirstName, Cancelled: true);
        }
    }
}
