using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>One screening panel meeting: its cases with their decisions, and the referrals of its programme waiting to be added.</summary>
public static class GetPanelMeeting
{
    public sealed class Query(int id) : IRequest<Details>
    {
        public int Id { get; } = id;
    }

    public sealed record Case(string Reference, string PrimaryName, bool RiskFlag, PanelDecision Decision, string? Note, string? DecidedByName, DateTime? DecidedAtUtc);

    public sealed record Waiting(string Reference, string PrimaryName, DateTime ReceivedAtUtc, bool RiskFlag);

    public sealed class Details
    {
        public required int Id { get; init; }
        public required string ProgrammeName { get; init; }
        public required DateOnly Date { get; init; }
        public required IReadOnlyList<string> Members { get; init; }
        public required string ClinicalLeadName { get; init; }
        /// <summary>The cases the user may see, in the order they were added.</summary>
        public required IReadOnlyList<Case> Cases { get; init; }
        public required IReadOnlyList<Waiting> Waiting { get; init; }
        public required Guid ConcurrencyStamp { get; init; }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            var meeting = await PanelAccess.LoadVisibleAsync(db, visibility, audit, request.Id, q => q.AsNoTracking().Include(m => m.Cases), cancellationToken);
            var programmeName = await db.Programmes.Where(p => p.Id == meeting.ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
            var scope = await visibility.ScopeAsync(cancellationToken);
            var caseIds = meeting.Cases.Select(c => c.ReferralId).ToList();
            var referrals = await scope.Apply(db.Referrals.AsNoTracking())
                .Where(r => caseIds.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    r.Reference,
                    Name = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    r.RiskFlag,
                })
                .ToDictionaryAsync(r => r.Id, cancellationToken);
            var waiting = await (await PanelAccess.WaitingAsync(db, visibility, cancellationToken))
                .Where(r => r.ProgrammeId == meeting.ProgrammeId)
                .OrderBy(r => r.ReceivedAtUtc)
                .Select(r => new Waiting(r.Reference,
                    r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    r.ReceivedAtUtc, r.RiskFlag))
                .ToListAsync(cancellationToken);

            return new Details
            {
                Id = meeting.Id,
                ProgrammeName = programmeName,
                Date = meeting.MeetingDate,
                Members = meeting.Members.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ClinicalLeadName = meeting.ClinicalLeadName,
                Cases = meeting.Cases.OrderBy(c => c.Id)
                    .Where(c => referrals.ContainsKey(c.ReferralId))
                    .Select(c => new Case(referrals[c.ReferralId].Reference, referrals[c.ReferralId].Name, referrals[c.ReferralId].RiskFlag,
                        c.Decision, c.Note, c.DecidedByName, c.DecidedAtUtc))
                    .ToList(),
                Waiting = waiting,
                ConcurrencyStamp = meeting.ConcurrencyStamp,
            };
        }
    }
}
