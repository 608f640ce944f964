using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases;

/// <summary>
/// The case overview (<c>/cases/{reference}</c>): people (names and contact preferences only), status history since
/// allocation, the required assessments and their status, the offer of therapy, sessions, open tasks and risk alerts.
/// At Oversight level the assessments show their status only and an open risk alert shows as "a risk alert is open".
/// Audited as <c>case.viewed</c> (page=overview).
/// </summary>
public static class GetCaseOverview
{
    public sealed class Query(string? reference) : IRequest<Overview>
    {
        public string? Reference { get; } = reference;
    }

    public sealed record Person(PersonRole Role, string Name, PreferredContact PreferredContact, bool MayLeaveMessages, string? SafeContactTimes);

    public sealed record StatusEntry(ReferralStatus From, ReferralStatus To, DateTime AtUtc, string ByName, string? Reason);

    public sealed record RequiredAssessment(AssessmentKind Kind, int? PersonId, string Label, int? Id, AssessmentStatus? Status, string? AuthorName, bool UserIsAuthor);

    public sealed record TaskRow(int Id, string Description, DateOnly DueOn, string AssignedToName);

    public sealed record AlertRow(int Id, RiskArea Area, RiskLevel Level, string RaisedByName, DateTime RaisedAtUtc);

    public sealed record Overview(
        GetCaseHeader.Header Header,
        IReadOnlyList<Person> People,
        IReadOnlyList<StatusEntry> History,
        IReadOnlyList<RequiredAssessment> Assessments,
        bool CanStartAssessments,
        bool CanOfferTherapy,
        string? OfferBlockedReason,
        DateTime? TherapyOfferedAtUtc,
        int SessionsScheduled,
        DateTime? NextSessionUtc,
        IReadOnlyList<TaskRow> OpenTasks,
        IReadOnlyList<AlertRow> OpenAlerts,
        bool AnyOpenAlert,
        bool CanAcknowledgeAlerts);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, Overview>
    {
        public async Task<Overview> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Oversight, q => q.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions)
                .Include(r => r.StatusChanges)
                .Include(r => r.Assessments)
                .Include(r => r.Tasks)
                .Include(r => r.RiskAlerts)
                .AsSplitQuery(), cancellationToken);
            var header = await GetCaseHeader.BuildAsync(db, referral, level, user, cancellationToken);
            audit.RecordRead(AuditActions.CaseViewed, "Referral", referral.Reference, $"page=overview; access={level}");

            var me = user.UserId;
            var clinical = level == CaseAccessLevel.Clinical;
            var programme = referral.Programme!;
            var now = clock.GetUtcNow().UtcDateTime;
            var people = referral.People.OrderBy(p => p.Role).ToList();
            string PersonName(int? id) => people.FirstOrDefault(p => p.Id == id) is { } p ? $"{p.FirstName} {p.LastName}".Trim() : "(unknown)";

            var assessments = referral.RequiredAssessments(programme).Select(r =>
            {
                var existing = referral.Assessments.FirstOrDefault(a => a.Kind == r.Kind && a.PersonId == r.PersonId);
                var label = r.Kind == AssessmentKind.Joint ? "Joint assessment" : $"Individual assessment: {PersonName(r.PersonId)}";
                return new RequiredAssessment(r.Kind, r.PersonId, label, existing?.Id, existing?.Status, existing?.AuthorName, existing is not null && existing.AuthorUserId == me);
            }).ToList();

            var isTherapist = header.UserIsTherapistOnCase && clinical;
            var allSignedOff = referral.AssessmentsSignedOff(programme);
            var referElsewhere = referral.Assessments.Any(a => a.Recommendation == AssessmentRecommendation.ReferElsewhere && a.Status == AssessmentStatus.SignedOff);
            string? blocked = referral.Status != ReferralStatus.Allocated ? null
                : !allSignedOff ? "Therapy can be offered when every assessment has been signed off by a supervisor."
                : referElsewhere ? "An assessment recommends referring elsewhere: end the case with signposting instead."
                : null;

            var ids = referral.Tasks.Where(t => t.IsOpen).Select(t => t.AssignedToUserId).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var openAlerts = referral.RiskAlerts.Where(a => a.AcknowledgedAtUtc is null).OrderBy(a => a.RaisedAtUtc).ToList();

            return new Overview(
                header,
                people.Select(p => new Person(p.Role, $"{p.FirstName} {p.LastName}".Trim(), p.PreferredContact, p.MayLeaveMessages, p.SafeContactTimes)).ToList(),
                referral.StatusChanges
                    .Where(c => c.To == ReferralStatus.Allocated || (referral.AllocatedAtUtc != null && c.AtUtc >= referral.AllocatedAtUtc))
                    .OrderBy(c => c.AtUtc).ThenBy(c => c.Id)
                    .Select(c => new StatusEntry(c.From, c.To, c.AtUtc, c.ByName, c.Reason)).ToList(),
                assessments,
                isTherapist && referral.Status == ReferralStatus.Allocated,
                isTherapist && referral.Status == ReferralStatus.Allocated && blocked is null,
                blocked,
                referral.TherapyOfferedAtUtc,
                referral.SessionsUsed,
                referral.Sessions.Where(s => !s.IsCancelled && s.StartsAtUtc > now).OrderBy(s => s.StartsAtUtc).Select(s => (DateTime?)s.StartsAtUtc).FirstOrDefault(),
                referral.Tasks.Where(t => t.IsOpen).OrderBy(t => t.DueOn)
                    .Select(t => new TaskRow(t.Id, t.Description, t.DueOn, names.GetValueOrDefault(t.AssignedToUserId, "(unknown)"))).ToList(),
                clinical ? openAlerts.Select(a => new AlertRow(a.Id, a.Area, a.Level, a.RaisedByName, a.RaisedAtUtc)).ToList() : [],
                openAlerts.Count > 0,
                clinical && user.IsInRole(Roles.Supervisor));
        }
    }
}
