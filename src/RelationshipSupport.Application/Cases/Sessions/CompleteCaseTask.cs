using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>A clinician on the case marks a follow-up task done, saying what was done. Doing it twice changes nothing.</summary>
public static class CompleteCaseTask
{
    public const int MaxOutcomeLength = 500;

    public sealed class Command : IRequest<bool>
    {
        public string? Reference { get; set; }
        public int TaskId { get; set; }
        public string? Outcome { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to the caseload and open it again");
            RuleFor(c => c.Outcome).RequiredText("Enter what was done", "What was done", MaxOutcomeLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.Include(r => r.Tasks), cancellationToken);
            var task = referral.Tasks.SingleOrDefault(t => t.Id == request.TaskId) ?? throw new NotFoundException("Task", request.TaskId);
            if (!task.IsOpen) return false;
            if (!referral.IsOpen)
            {
                throw new DomainException("This case has ended and can no longer be changed.");
            }
            task.Complete(request.Outcome, user.UserId!, clock.GetUtcNow().UtcDateTime);
            audit.Record(AuditActions.CaseTaskDone, "Referral", referral.Reference, $"task={task.Id}; kind={task.Kind}");
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
