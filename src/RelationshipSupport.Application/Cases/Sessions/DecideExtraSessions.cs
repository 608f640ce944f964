using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// A supervisor with clinical access to the case approves a request for extra sessions (the allowance grows by that
/// many, <see cref="Domain.Referrals.Referral.SessionAllowance"/>) or declines it with a reason. The same decision sent
/// twice is recorded once; a decision made meanwhile by someone else is reported, not overwritten.
/// </summary>
public static class DecideExtraSessions
{
    public const int MaxNoteLength = 1000;

    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int ExtensionId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public bool? Approve { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Result(string Reference, bool Approved, int ExtraSessions, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to the caseload and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Approve).NotNull().WithMessage("Select whether you approve the extra sessions");
            RuleFor(c => c.Note).Cascade(CascadeMode.Stop)
                .Must((c, n) => c.Approve != false || !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the reason for declining")
                .OptionalText("Reason", MaxNoteLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.SessionExtensions), cancellationToken);
            var extension = referral.SessionExtensions.SingleOrDefault(e => e.Id == request.ExtensionId)
                ?? throw new NotFoundException("Session extension", request.ExtensionId);
            if (!user.IsInRole(Roles.Supervisor))
            {
                throw new DomainException("Only a supervisor can approve extra sessions.");
            }
            var approve = request.Approve!.Value;
            var wanted = approve ? ExtensionStatus.Approved : ExtensionStatus.Declined;
            if (extension.Status == wanted && extension.DecidedByUserId == user.UserId)
            {
                return new Result(referral.Reference, approve, extension.ExtraSessions, Changed: false);
            }
            try
            {
                if (extension.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(extension).Property(e => e.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                extension.Decide(user.ToActor(), approve, request.Note, clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.SessionExtensionDecided, "Referral", referral.Reference,
                    $"extension={extension.Id}; decision={extension.Status}; extra={extension.ExtraSessions}");
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
            return new Result(referral.Reference, approve, extension.ExtraSessions, Changed: true);
        }
    }
}
