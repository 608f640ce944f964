using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The screening panels the user may see: each programme that has one, its meetings (newest first) and the referrals
/// waiting for a panel that are not yet on a meeting's list.
/// </summary>
public static class GetPanelOverview
{
    public sealed class Query : IRequest<Result>;

    public sealed record Meeting(int Id, DateOnly Date, string Members, string ClinicalLeadName, int Cases, int Pending);

    public sealed record Waiting(string Reference, string PrimaryName, DateTime ReceivedAtUtc, bool RiskFlag);

    public sealed record Panel(string ProgrammeCode, string ProgrammeName, IReadOnlyList<Meeting> Meetings, IReadOnlyList<Waiting> Waiting);

    public sealed record Result(IReadOnlyList<Panel> Panels);

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var scope = await visibility.ScopeAsync(cancellationToken);
            var programmes = await scope.Apply(db.Programmes.AsNoTracking())
                .Where(p => p.RequiresScreeningPanel)
                .OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Code, p.Name })
                .ToListAsync(cancellationToken);
            var ids = programmes.Select(p => p.Id).ToList();
            var meetings = await db.PanelMeetings.AsNoTracking()
                .Where(m => ids.Contains(m.ProgrammeId))
                .Select(m => new
                {
                    m.ProgrammeId,
                    Meeting = new Meeting(m.Id, m.MeetingDate, m.Members, m.ClinicalLeadName, m.Cases.Count, m.Cases.Count(c => c.Decision == PanelDecision.Pending)),
                })
                .ToListAsync(cancellationToken);
            var waiting = await (await PanelAccess.WaitingAsync(db, visibility, cancellationToken))
                .Where(r => ids.Contains(r.ProgrammeId))
                .OrderBy(r => r.ReceivedAtUtc)
                .Select(r => new
                {
                    r.ProgrammeId,
                    Row = new Waiting(r.Reference,
                        r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                        r.ReceivedAtUtc, r.RiskFlag),
                })
                .ToListAsync(cancellationToken);

            return new Result(programmes.Select(p => new Panel(p.Code, p.Name,
                meetings.Where(m => m.ProgrammeId == p.Id).Select(m => m.Meeting).OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).ToList(),
                waiting.Where(w => w.ProgrammeId == p.Id).Select(w => w.Row).ToList())).ToList());
        }
    }
}
