using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// Puts referrals waiting for the panel on a meeting's list. Referrals already on it are left as they are, so the same
/// form sent twice adds each case once.
/// </summary>
public static class AddPanelCases
{
    public sealed class Command : IRequest<Result>
    {
        public int MeetingId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public List<string> References { get; set; } = [];
    }

    public sealed record Result(int MeetingId, int Added);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.References).Must(r => r.Count > 0).WithMessage("Select the referrals to add to the meeting")
                .Must(r => r.Count <= 50).WithMessage("Add up to 50 referrals at a time");
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var meeting = await PanelAccess.LoadVisibleAsync(db, visibility, audit, request.MeetingId, q => q.Include(m => m.Cases), cancellationToken);
            var references = request.References.Select(ReferenceGenerator.Normalise).ToList();
            if (references.Any(r => r is null))
            {
                throw new ValidationFailedException(nameof(Command.References), "Select the referrals to add to the meeting");
            }
            var scope = await visibility.ScopeAsync(cancellationToken);
            var wanted = references.Distinct().ToList();
            var referrals = await scope.Apply(db.Referrals).Where(r => wanted.Contains(r.Reference)).ToListAsync(cancellationToken);
            if (referrals.Count != wanted.Count)
            {
                // Someone typed or kept a reference the user may not see (or that does not exist): as for any referral, 404.
                var missing = wanted.First(r => referrals.All(x => x.Reference != r));
                await AccessDenied.RecordAsync(db, audit, missing, missing, cancellationToken);
                throw new NotFoundException("Referral", missing!);
            }
            var toAdd = referrals.Where(r => meeting.Cases.All(c => c.ReferralId != r.Id)).ToList();
            if (toAdd.Count == 0)
            {
                return new Result(meeting.Id, 0);
            }

            return await ScreeningRules.ChangeAsync(db, async () =>
            {
                ScreeningRules.CheckVersion(db, meeting, request.ConcurrencyStamp);
                var ids = toAdd.Select(r => r.Id).ToList();
                var elsewhere = await db.PanelCases.Where(c => ids.Contains(c.ReferralId) && c.Decision == PanelDecision.Pending && c.PanelMeetingId != meeting.Id)
                    .Select(c => c.ReferralId).ToListAsync(cancellationToken);
                foreach (var referral in toAdd)
                {
                    if (elsewhere.Contains(referral.Id))
                    {
                        throw new DomainException($"Referral {referral.Reference} is already on another meeting's list, waiting for a decision.");
                    }
                    meeting.AddCase(referral);
                    audit.Record(AuditActions.PanelCaseAdded, "Referral", referral.Reference, $"meeting={meeting.Id}");
                }
                await ScreeningRules.SaveAsync(db, cancellationToken);
                return new Result(meeting.Id, toAdd.Count);
            });
        }
    }
}
