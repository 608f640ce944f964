using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// The sessions tab: the case's sessions in time order (numbered as they count towards the allowance), requests for
/// extra sessions and follow-up tasks. Oversight users see it too; the reasons for extra sessions and task outcomes are
/// shown to clinicians only. The page's header records the view (<c>case.viewed</c>, page=sessions).
/// </summary>
public static class GetSessions
{
    public sealed record Query(string? Reference) : IRequest<View>;

    public sealed record Row(
        int Id, int? Number, DateTime StartsAtUtc, int Minutes, SessionMode Mode, string? Venue, IReadOnlyList<string> Therapists,
        SessionClients Expected, AttendanceOutcome? Attendance, SessionClients? Attended, bool IsExtra, bool HasStarted, Guid ConcurrencyStamp);

    public sealed record Extension(
        int Id, int ExtraSessions, string? Reason, string RequestedByName, string RequestedByUserId, DateTime RequestedAtUtc,
        ExtensionStatus Status, string? DecidedByName, string? DecisionNote, Guid ConcurrencyStamp);

    public sealed record TaskRow(int Id, int? SessionId, string Description, DateOnly DueOn, string AssignedTo, bool IsOpen, string? Outcome);

    public sealed record View(IReadOnlyList<Row> Sessions, IReadOnlyList<Extension> Extensions, IReadOnlyList<TaskRow> Tasks, bool IsClinical);

    internal sealed class Handler(AppDbContext db, CaseAccess access, TimeProvider clock) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Oversight, q => q.AsNoTracking()
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions)
                .Include(r => r.Tasks)
                .AsSplitQuery(), cancellationToken);
            var clinical = level == CaseAccessLevel.Clinical;
            var ids = referral.Sessions.SelectMany(s => new[] { s.TherapistUserId, s.CoTherapistUserId })
                .Concat(referral.Tasks.Select(t => t.AssignedToUserId)).OfType<string>().Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            string Name(string id) => names.GetValueOrDefault(id, "(unknown)");
            var now = clock.GetUtcNow().UtcDateTime;
            var number = 0;
            var rows = referral.Sessions.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).Select(s => new Row(
                s.Id, s.Counts ? ++number : null, s.StartsAtUtc, s.Minutes, s.Mode, s.Venue,
                new[] { s.TherapistUserId, s.CoTherapistUserId }.OfType<string>().Select(Name).ToList(),
                s.ClientsExpected, s.Attendance, s.ClientsAttended, s.IsExtra, s.StartsAtUtc <= now, s.ConcurrencyStamp)).ToList();
            var extensions = referral.SessionExtensions.OrderByDescending(e => e.RequestedAtUtc).Select(e => new Extension(
                e.Id, e.ExtraSessions, clinical ? e.Reason : null, e.RequestedByName, e.RequestedByUserId, e.RequestedAtUtc, e.Status,
                e.DecidedByName, clinical ? e.DecisionNote : null, e.ConcurrencyStamp)).ToList();
            var tasks = referral.Tasks.OrderBy(t => t.DoneAtUtc != null).ThenBy(t => t.DueOn).Select(t => new TaskRow(
                t.Id, t.SessionId, t.Description, t.DueOn, Name(t.AssignedToUserId), t.IsOpen, clinical ? t.Outcome : null)).ToList();
            return new View(rows, extensions, tasks, clinical);
        }
    }
}
