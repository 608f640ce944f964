using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// A therapist's week, Monday to Sunday in UK time: their sessions as lead or co-therapist, each with the case's
/// reference and the clients' first names. A supervisor may open the week of a therapist they supervise; any other
/// therapist's week answers not found (audited as <c>calendar.access-denied</c>).
/// </summary>
public static class GetWeekCalendar
{
    public sealed record Query(DateOnly? Week, string? TherapistId) : IRequest<View>;

    public sealed record Item(int SessionId, string Reference, string FirstNames, DateTime StartsAtUtc, int Minutes, SessionMode Mode, string? Venue, bool AsCoTherapist, AttendanceOutcome? Attendance);

    public sealed record Day(DateOnly Date, IReadOnlyList<Item> Sessions);

    public sealed record Person(string UserId, string Name);

    public sealed record View(string TherapistId, string TherapistName, bool IsOwn, DateOnly Monday, IReadOnlyList<Day> Days, IReadOnlyList<Person> Supervisees);

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = user.UserId ?? throw new NotFoundException("Calendar", "(anonymous)");
            var isSupervisor = user.IsInRole(Roles.Supervisor);
            var supervisees = isSupervisor
                ? await db.Users.AsNoTracking().Where(u => u.SupervisorUserId == me && u.IsActive).OrderBy(u => u.DisplayName)
                    .Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken)
                : [];
            var therapistId = string.IsNullOrWhiteSpace(request.TherapistId) ? me : request.TherapistId.Trim();
            var isOwn = therapistId == me;
            if (!isOwn && supervisees.All(s => s.UserId != therapistId))
            {
                audit.RecordRead(AuditActions.CalendarAccessDenied, "StaffUser", therapistId.Length > 100 ? therapistId[..100] : therapistId);
                throw new NotFoundException("Calendar", therapistId);
            }
            var name = isOwn ? "Your" : supervisees.Single(s => s.UserId == therapistId).Name;

            var monday = MondayOf(request.Week ?? UkTime.Today(clock));
            var fromUtc = UkTime.ToUtc(monday, TimeOnly.MinValue)!.Value;
            var toUtc = UkTime.ToUtc(monday.AddDays(7), TimeOnly.MinValue)!.Value;
            var rows = await db.TherapySessions.AsNoTracking()
                .Where(s => (s.TherapistUserId == therapistId || s.CoTherapistUserId == therapistId) && s.StartsAtUtc >= fromUtc && s.StartsAtUtc < toUtc)
                .Join(db.Referrals, s => s.ReferralId, r => r.Id, (s, r) => new
                {
                    s.Id, r.Reference, s.StartsAtUtc, s.Minutes, s.Mode, s.Venue, s.CoTherapistUserId, s.Attendance,
                    Names = r.People.OrderBy(p => p.Role).Select(p => p.FirstName).ToList(),
                })
                .ToListAsync(cancellationToken);
            var items = rows.OrderBy(r => r.StartsAtUtc).Select(r => new Item(r.Id, r.Reference, string.Join(" and ", r.Names), r.StartsAtUtc, r.Minutes, r.Mode,
                r.Venue, r.CoTherapistUserId == therapistId, r.Attendance)).ToList();
            var days = Enumerable.Range(0, 7).Select(i => monday.AddDays(i))
                .Select(d => new Day(d, items.Where(i => UkTime.DateOf(i.StartsAtUtc) == d).ToList())).ToList();
            audit.RecordRead(AuditActions.CalendarViewed, "StaffUser", therapistId, $"week={monday:yyyy-MM-dd}; own={(isOwn ? "yes" : "no")}; sessions={items.Count}");
            return new View(therapistId, name, isOwn, monday, days, supervisees);
        }
    }
}
