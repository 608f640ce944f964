using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Application.Signposting;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Ending;

/// <summary>
/// Ends an open case (allocated or in therapy): planned or unplanned, the reason, the signposting chosen from the
/// directory, and whether to send it to the clients (<see cref="EndingEmails.EmailableClients"/>) and an attendance
/// summary to the referrer (only with their agreement; <c>ReferrerSummarySentAtUtc</c> is set). The domain's
/// <c>Referral.EndCase</c> ends the allocations (the therapists' places are free again) and closes open tasks. The
/// form carries the case's concurrency stamp; posting again once the case has ended changes nothing.
/// </summary>
public static class EndCase
{
    public const int MaxNoteLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public EndingKind? Kind { get; set; }
        public EndingReason? Reason { get; set; }
        public string? Note { get; set; }
        public List<int> SignpostingIds { get; set; } = [];
        public bool SendSignpostingToClients { get; set; }
        public bool SendReferrerSummary { get; set; }
    }

    public sealed record Result(string Reference, bool Ended, int ClientsEmailed, bool ReferrerTold);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Kind).NotNull().WithMessage("Select whether the ending was planned or unplanned").IsInEnum();
            RuleFor(c => c.Reason).NotNull().WithMessage("Select why the case is ending").IsInEnum();
            RuleFor(c => c.Note).Cascade(CascadeMode.Stop)
                .Must((c, note) => c.Reason != EndingReason.Other || !string.IsNullOrWhiteSpace(note)).WithMessage("Say why the case is ending")
                .OptionalText("Note", MaxNoteLength);
            RuleFor(c => c.SignpostingIds)
                .Must((c, ids) => !c.SendSignpostingToClients || ids.Count > 0).WithMessage("Choose the services to send, or do not send signposting");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.Tasks)
                .Include(r => r.Signposting)
                .AsSplitQuery(), cancellationToken);
            // A repeat (a double click, a second tab) after the case has ended is answered without a second ending.
            if (referral.Status == ReferralStatus.Ended)
            {
                return new Result(referral.Reference, Ended: false, 0, referral.ReferrerSummarySentAtUtc is not null);
            }
            var ids = request.SignpostingIds.Distinct().ToList();
            var services = ids.Count == 0 ? [] : await db.SignpostingEntries.AsNoTracking()
                .Where(e => ids.Contains(e.Id) && e.IsActive)
                .OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .Select(e => new GetSignposting.Entry(e.Id, e.Name, e.Kind, e.Area, e.Phone, e.Email, e.Website, e.WhenToUse))
                .ToListAsync(cancellationToken);
            if (services.Count != ids.Count)
            {
                throw new ValidationFailedException(nameof(Command.SignpostingIds), "A service you chose is no longer in the directory: choose again");
            }
            if (request.SendReferrerSummary && !EndingEmails.MayTellReferrer(referral))
            {
                throw new DomainException("The referrer did not agree to be updated, or left no email address: no summary can be sent.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var clientsEmailed = 0;
            try
            {
                if (referral.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(referral).Property(r => r.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var kind = request.Kind!.Value;
                referral.EndCase(kind, request.Reason!.Value, request.Note, ids, user.ToActor(), now);

                var programme = referral.Programme!;
                if (request.SendSignpostingToClients)
                {
                    foreach (var client in EndingEmails.EmailableClients(referral))
                    {
                        var mail = EndingEmails.ToClient(client.Email!, referral.Reference, programme, services);
                        outbox.Enqueue(mail.Kind, mail.To, mail.Subject, mail.Body);
                        clientsEmailed++;
                    }
                }
                if (request.SendReferrerSummary)
                {
                    var mail = EndingEmails.ToReferrer(referral, programme, kind, EndingEmails.CountAttendance(referral));
                    outbox.Enqueue(mail.Kind, mail.To, mail.Subject, mail.Body);
                    referral.ReferrerSummarySentAtUtc = now;
                }
                // Intake and session questionnaires still unanswered are no longer wanted (end and follow-up ones are).
                var stale = await db.QuestionnaireRequests
                    .Where(q => q.ReferralId == referral.Id && (q.Status == QuestionnaireStatus.Pending || q.Status == QuestionnaireStatus.InProgress)
                        && (q.Timepoint == Timepoint.Intake || q.Timepoint == Timepoint.EverySession))
                    .ToListAsync(cancellationToken);
                stale.ForEach(q => q.Cancel(now));
                audit.Record(AuditActions.CaseEnded, "Referral", referral.Reference, string.Create(CultureInfo.InvariantCulture,
                    $"kind={kind}; reason={request.Reason}; signposting={ids.Count}; clients-emailed={clientsEmailed}; referrer-told={(request.SendReferrerSummary ? "yes" : "no")}; questionnaires-cancelled={stale.Count}"));
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
            return new Result(referral.Reference, Ended: true, clientsEmailed, request.SendReferrerSummary);
        }
    }
}
