using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>A supervisor with clinical access to the case acknowledges an open risk alert. Acknowledging again changes nothing.</summary>
public static class AcknowledgeRiskAlert
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int AlertId { get; set; }
    }

    public sealed record Result(string Reference, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("The case was not found: go back to your caseload and open it again");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.Include(r => r.RiskAlerts), cancellationToken);
            var alert = referral.RiskAlerts.SingleOrDefault(a => a.Id == request.AlertId) ?? throw new NotFoundException("Risk alert", request.AlertId);
            if (!user.IsInRole(Roles.Supervisor))
            {
                throw new DomainException("Only a supervisor can acknowledge a risk alert.");
            }
            if (alert.AcknowledgedAtUtc is not null)
            {
                return new Result(referral.Reference, Changed: false);
            }
            alert.Acknowledge(user.ToActor(), clock.GetUtcNow().UtcDateTime);
            audit.Record(AuditActions.RiskAlertAcknowledged, "Referral", referral.Reference, $"alert={alert.Id}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(referral.Reference, Changed: true);
        }
    }
}
