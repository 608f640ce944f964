using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>
/// The case's therapist starts one of the assessments the programme requires (as a draft they author). Starting one
/// that is already started (a double click) answers the existing one.
/// </summary>
public static class StartAssessment
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public AssessmentKind? Kind { get; set; }
        public int? PersonId { get; set; }
    }

    public sealed record Result(string Reference, int AssessmentId, bool Created);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to your caseload and open it again");
            RuleFor(c => c.Kind).NotNull().IsInEnum().WithMessage("Choose which assessment to start");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Assessments)
                .AsSplitQuery(), cancellationToken);
            var existing = referral.Assessments.FirstOrDefault(a => a.Kind == request.Kind && a.PersonId == request.PersonId);
            if (existing is not null && existing.AuthorUserId == user.UserId)
            {
                return new Result(referral.Reference, existing.Id, Created: false);
            }
            try
            {
                var assessment = referral.StartAssessment(referral.Programme!, request.Kind!.Value, request.PersonId, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.AssessmentStarted, "Referral", referral.Reference, $"kind={assessment.Kind}; person={assessment.PersonId?.ToString() ?? "joint"}");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, assessment.Id, Created: true);
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
