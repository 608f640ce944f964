using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// One of the case's therapists records what happened at a session (<see cref="Referral.RecordAttendance"/>: a client
/// who did not attend gives the therapist a follow-up task for the next working day). Risk raised in the session can be
/// recorded with it: at a high level the supervisor is told at once (<see cref="RiskAlertNotifier"/>). The session's
/// concurrency stamp guards against two people recording at once; the same record sent twice changes nothing.
/// </summary>
public static class RecordAttendance
{
    public const int MaxReasonLength = 500;
    public const int MaxRiskNotesLength = 2000;

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int SessionId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public AttendanceOutcome? Outcome { get; set; }
        public SessionClients? Attended { get; set; }
        public string? Reason { get; set; }
        public bool RiskRaised { get; set; }
        public RiskArea? RiskArea { get; set; }
        public RiskLevel? RiskLevel { get; set; }
        public string? RiskNotes { get; set; }

        /// <summary>Risk was raised: the box ticked, or an area or level chosen.</summary>
        public bool HasRisk => RiskRaised || RiskArea is not null || RiskLevel is not null;
    }

    public sealed record Result(string Reference, AttendanceOutcome Outcome, bool TaskCreated, bool SupervisorAlerted, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to the caseload and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Outcome).NotNull().WithMessage("Select what happened");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must((c, r) => c.Outcome != AttendanceOutcome.CancelledByService || !string.IsNullOrWhiteSpace(r)).WithMessage("Enter the reason the service cancelled")
                .OptionalText("Reason", MaxReasonLength);
            RuleFor(c => c.RiskArea).NotNull().WithMessage("Select the area of risk").When(c => c.HasRisk);
            RuleFor(c => c.RiskLevel).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Select the level of risk")
                .Must(l => l != Domain.Cases.RiskLevel.None).WithMessage("Select the level of risk")
                .When(c => c.HasRisk);
            RuleFor(c => c.RiskNotes).OptionalText("Notes about the risk", MaxRiskNotesLength);
        }
    }

    internal sealed class Handler(
        AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, RiskAlertNotifier risks, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.Tasks)
                .Include(r => r.RiskAlerts)
                .AsSplitQuery(), cancellationToken);
            var session = referral.Sessions.SingleOrDefault(s => s.Id == request.SessionId)
                ?? throw new NotFoundException("Session", request.SessionId);
            var outcome = request.Outcome!.Value;
            var attended = outcome is AttendanceOutcome.Attended or AttendanceOutcome.Late
                ? (referral.ClientType == ClientType.Individual ? SessionClients.PrimaryOnly : request.Attended)
                : null;
            // The same record sent again (a double click, a refresh): answered without a second record.
            if (session.ConcurrencyStamp != request.ConcurrencyStamp && session.Attendance == outcome && session.ClientsAttended == attended
                && session.AttendanceRecordedByUserId == user.UserId)
            {
                return new Result(referral.Reference, outcome, false, false, Changed: false);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.ToActor();
            var alerted = false;
            CaseTask? task;
            try
            {
                if (session.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(session).Property(s => s.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                task = referral.RecordAttendance(session, outcome, attended, request.Reason, actor, now);
                if (request.HasRisk)
                {
                    var area = request.RiskArea!.Value;
                    var level = request.RiskLevel!.Value;
                    if (level >= RiskAlert.AlertLevel)
                    {
                        await risks.RaiseAsync(referral, RiskAlertSource.Session, session.Id, area, level, request.RiskNotes, actor, now, cancellationToken);
                        alerted = true;
                    }
                    else
                    {
                        // Below the alert level: recorded on the case for the clinicians, nobody is emailed.
                        referral.RaiseRisk(RiskAlertSource.Session, session.Id, area, level, request.RiskNotes, null, actor, now);
                        audit.Record(AuditActions.SessionRiskRecorded, "Referral", referral.Reference, $"session={session.Id}; area={area}; level={level}");
                    }
                }
                audit.Record(AuditActions.SessionAttendanceRecorded, "Referral", referral.Reference,
                    $"session={session.Id}; outcome={outcome}; attended={attended?.ToString() ?? "-"}; follow-up-task={(task is null ? "no" : "yes")}");
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
            if (alerted) signal.Notify();
            return new Result(referral.Reference, outcome, task is not null, alerted, Changed: true);
        }
    }
}
