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

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>
/// The author saves a draft (or returned) assessment, or saves and submits it for a supervisor's sign-off. Any risk
/// rated High raises a risk alert for the supervisor (once per area per assessment, however often it is saved), and
/// the supervisor is emailed without clinical details. A repeated submit (double click) changes nothing.
/// </summary>
public static class SaveAssessment
{
    public const int LongText = 4000;
    public const int ShortText = 2000;

    public sealed class RiskInput
    {
        public RiskArea Area { get; set; }
        public RiskLevel? Level { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int AssessmentId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        /// <summary>Set by the page from the button pressed.</summary>
        public bool Submit { get; set; }

        public DateInput HeldOn { get; set; } = new();
        public SessionMode? Mode { get; set; }
        public string? PresentingIssue { get; set; }
        public string? RelationshipHistory { get; set; }
        public string? Children { get; set; }
        public List<RiskInput> Risks { get; set; } = [];
        public string? ExpectationsAgreed { get; set; }
        public string? Goals { get; set; }
        public AssessmentRecommendation? Recommendation { get; set; }
        public string? RecommendationNote { get; set; }

        // The assessed person's demographics for the evaluation report (individual assessments; all optional).
        public MaritalStatus? MaritalStatus { get; set; }
        public string? RelationshipLengthYears { get; set; }
        public Qualification? HighestQualification { get; set; }
        public Employment? Employment { get; set; }
    }

    /// <summary>Longest relationship length accepted, in years.</summary>
    public const int MaxRelationshipYears = 80;

    public sealed record Result(string Reference, int AssessmentId, bool Submitted, bool Changed, int AlertsRaised);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to your caseload and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.HeldOn).Cascade(CascadeMode.Stop)
                .Must((c, d) => !c.Submit || !d.IsEmpty).WithMessage("Enter the date of the assessment")
                .Must(d => d.IsEmpty || d.ToDate() is not null).WithMessage("The date of the assessment must be a real date")
                .Must(d => d.IsEmpty || d.ToDate() <= UkTime.Today(clock)).WithMessage("The date of the assessment must be today or in the past");
            RuleFor(c => c.Mode).Must((c, m) => !c.Submit || m is not null).WithMessage("Select how the assessment was held");
            RuleFor(c => c.Mode).IsInEnum().When(c => c.Mode is not null).WithMessage("Select how the assessment was held");
            RuleFor(c => c.PresentingIssue).Must((c, v) => !c.Submit || !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the presenting issue")
                .OptionalText("The presenting issue", LongText);
            RuleFor(c => c.RelationshipHistory).OptionalText("The relationship history", LongText);
            RuleFor(c => c.Children).OptionalText("Children", ShortText);
            RuleForEach(c => c.Risks).SetValidator((c, _) => new RiskValidator(c.Submit));
            RuleFor(c => c.ExpectationsAgreed).Must((c, v) => !c.Submit || !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the expectations agreed")
                .OptionalText("The expectations agreed", ShortText);
            RuleFor(c => c.Goals).Must((c, v) => !c.Submit || !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the goals")
                .OptionalText("The goals", ShortText);
            RuleFor(c => c.Recommendation).Must((c, v) => !c.Submit || v is not null).WithMessage("Select a recommendation");
            RuleFor(c => c.Recommendation).IsInEnum().When(c => c.Recommendation is not null).WithMessage("Select a recommendation");
            RuleFor(c => c.RecommendationNote).OptionalText("The note on the recommendation", ShortText);
            RuleFor(c => c.MaritalStatus).IsInEnum().When(c => c.MaritalStatus is not null).WithMessage("Select a marital status from the list");
            RuleFor(c => c.HighestQualification).IsInEnum().When(c => c.HighestQualification is not null).WithMessage("Select a qualification from the list");
            RuleFor(c => c.Employment).IsInEnum().When(c => c.Employment is not null).WithMessage("Select an employment status from the list");
            RuleFor(c => c.RelationshipLengthYears)
                .Must(y => string.IsNullOrWhiteSpace(y) || RelationshipYears(y) is not null)
                .WithMessage($"Enter the length of the relationship in whole years, from 0 to {MaxRelationshipYears}");
        }
    }

    /// <summary>The relationship length as typed ("7", " 12 "), or null when it is not a whole number of years in range.</summary>
    public static int? RelationshipYears(string? text) =>
        int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var years)
        && years <= MaxRelationshipYears ? years : null;

    public sealed class RiskValidator : AbstractValidator<RiskInput>
    {
        public RiskValidator(bool submitting)
        {
            RuleFor(x => x.Area).IsInEnum();
            RuleFor(x => x.Level).Cascade(CascadeMode.Stop)
                .Must(l => !submitting || l is not null).WithMessage(x => $"Select a risk level for {CaseText.Describe(x.Area).ToLowerInvariant()}")
                .IsInEnum().WithMessage("Select a risk level");
            RuleFor(x => x.Notes).OptionalText("Risk notes", ShortText);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, RiskAlertNotifier notifier, IOutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Allocations)
                .Include(r => r.People)
                .Include(r => r.Assessments).ThenInclude(a => a.Risks)
                .Include(r => r.RiskAlerts)
                .AsSplitQuery(), cancellationToken);
            var assessment = referral.Assessments.SingleOrDefault(a => a.Id == request.AssessmentId)
                ?? throw new NotFoundException("Assessment", request.AssessmentId);
            var me = user.UserId!;

            // A repeated submit (a double click, a refresh) is answered without a second change.
            if (request.Submit && assessment.Status == AssessmentStatus.Submitted && assessment.AuthorUserId == me && assessment.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                return new Result(referral.Reference, assessment.Id, Submitted: true, Changed: false, AlertsRaised: 0);
            }
            try
            {
                assessment.EnsureEditableBy(me);
                if (!referral.IsAllocatedTo(me))
                {
                    throw new Domain.DomainException("Only the case's therapists can change its assessments.");
                }
                if (assessment.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(assessment).Property(a => a.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var now = clock.GetUtcNow().UtcDateTime;
                assessment.HeldOn = request.HeldOn.ToDate();
                assessment.Mode = request.Mode;
                assessment.PresentingIssue = Clean(request.PresentingIssue);
                assessment.RelationshipHistory = Clean(request.RelationshipHistory);
                assessment.Children = Clean(request.Children);
                assessment.ExpectationsAgreed = Clean(request.ExpectationsAgreed);
                assessment.Goals = Clean(request.Goals);
                assessment.Recommendation = request.Recommendation;
                assessment.RecommendationNote = Clean(request.RecommendationNote);
                if (referral.People.SingleOrDefault(p => p.Id == assessment.PersonId) is { } person)
                {
                    person.MaritalStatus = request.MaritalStatus;
                    person.RelationshipLengthYears = RelationshipYears(request.RelationshipLengthYears);
                    person.HighestQualification = request.HighestQualification;
                    person.Employment = request.Employment;
                }
                foreach (var risk in request.Risks.Where(r => Enum.IsDefined(r.Area)))
                {
                    if (risk.Level is { } level)
                    {
                        assessment.RateRisk(risk.Area, level, risk.Notes);
                    }
                }
                assessment.UpdatedAtUtc = now;
                assessment.ConcurrencyStamp = Guid.NewGuid();
                if (request.Submit)
                {
                    assessment.Submit(me, now);
                }

                // High risk reaches the supervisor at once: one alert per area per assessment.
                var raised = 0;
                foreach (var risk in assessment.Risks.Where(r => r.Level >= RiskAlert.AlertLevel).OrderBy(r => r.Area).ToList())
                {
                    if (referral.RiskAlerts.Any(a => a.Source == RiskAlertSource.Assessment && a.SourceId == assessment.Id && a.Area == risk.Area))
                    {
                        continue;
                    }
                    await notifier.RaiseAsync(referral, RiskAlertSource.Assessment, assessment.Id, risk.Area, risk.Level, risk.Notes, user.ToActor(), now, cancellationToken);
                    raised++;
                }
                audit.Record(request.Submit ? AuditActions.AssessmentSubmitted : AuditActions.AssessmentSaved, "Assessment", assessment.Id, $"case={referral.Reference}");
                await db.SaveChangesAsync(cancellationToken);
                if (raised > 0)
                {
                    signal.Notify();
                }
                return new Result(referral.Reference, assessment.Id, request.Submit, Changed: true, raised);
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

        private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
