using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>
/// A supervisor with clinical access to the case signs off a submitted assessment (with an optional comment) or
/// returns it with comments (required). Nobody signs off their own. Sending the same decision again changes nothing.
/// </summary>
public static class DecideAssessment
{
    public const int MaxComments = 4000;

    public enum Decision
    {
        SignOff = 1,
        Return = 2,
    }

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int AssessmentId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public Decision? Decision { get; set; }
        public string? Comments { get; set; }
    }

    public sealed record Result(string Reference, int AssessmentId, AssessmentStatus Status, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to your caseload and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Decision).NotNull().IsInEnum().WithMessage("Select whether to sign off or return the assessment");
            RuleFor(c => c.Comments).Cascade(CascadeMode.Stop)
                .Must((c, v) => c.Decision != Decision.Return || !string.IsNullOrWhiteSpace(v)).WithMessage("Enter your comments: say what needs to change")
                .OptionalText("Comments", MaxComments);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Assessments), cancellationToken);
            var assessment = referral.Assessments.SingleOrDefault(a => a.Id == request.AssessmentId)
                ?? throw new NotFoundException("Assessment", request.AssessmentId);
            if (!user.IsInRole(Roles.Supervisor))
            {
                throw new DomainException("Only a supervisor can sign off or return an assessment.");
            }
            var to = request.Decision == Decision.SignOff ? AssessmentStatus.SignedOff : AssessmentStatus.Returned;
            // The same decision sent again (a double click) is answered without a second change.
            if (assessment.Status == to && assessment.DecidedByUserId == user.UserId && assessment.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                return new Result(referral.Reference, assessment.Id, to, Changed: false);
            }
            try
            {
                if (assessment.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(assessment).Property(a => a.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                var now = clock.GetUtcNow().UtcDateTime;
                if (to == AssessmentStatus.SignedOff)
                {
                    assessment.SignOff(user.ToActor(), request.Comments, now);
                }
                else
                {
                    assessment.Return(user.ToActor(), request.Comments ?? "", now);
                }
                audit.Record(to == AssessmentStatus.SignedOff ? AuditActions.AssessmentSignedOff : AuditActions.AssessmentReturned,
                    "Assessment", assessment.Id, $"case={referral.Reference}");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, assessment.Id, to, Changed: true);
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
