using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Assessments;

/// <summary>
/// One assessment of a case, for its author (to edit) or a supervisor (to review). Clinical access only (404 and
/// audited otherwise); each view is audited as <c>case.assessment-viewed</c>.
/// </summary>
public static class GetAssessment
{
    public sealed class Query(string? reference, int id, string page) : IRequest<View>
    {
        public string? Reference { get; } = reference;
        public int Id { get; } = id;
        public string Page { get; } = page;
    }

    public sealed record View(
        GetCaseHeader.Header Header,
        Assessment Assessment,
        string Label,
        bool UserIsAuthor,
        bool CanEdit,
        bool CanDecide,
        IReadOnlyList<RiskArea> AlertedAreas,
        /// <summary>The person an individual assessment is of (null for a joint one): their evaluation demographics are asked here.</summary>
        Domain.Referrals.ReferralPerson? Person);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions)
                .Include(r => r.Assessments).ThenInclude(a => a.Risks)
                .Include(r => r.RiskAlerts)
                .AsSplitQuery(), cancellationToken);
            var assessment = referral.Assessments.SingleOrDefault(a => a.Id == request.Id)
                ?? throw new NotFoundException("Assessment", request.Id);
            var header = await GetCaseHeader.BuildAsync(db, referral, level, user, cancellationToken);
            audit.RecordRead(AuditActions.AssessmentViewed, "Assessment", assessment.Id, $"case={referral.Reference}; page={request.Page}");
            var me = user.UserId;
            var person = referral.People.FirstOrDefault(p => p.Id == assessment.PersonId);
            var label = assessment.Kind == AssessmentKind.Joint
                ? "Joint assessment"
                : $"Individual assessment: {person?.FirstName} {person?.LastName}".Trim();
            return new View(
                header,
                assessment,
                label,
                assessment.AuthorUserId == me,
                assessment.AuthorUserId == me && assessment.IsEditable && referral.IsAllocatedTo(me!),
                user.IsInRole(Roles.Supervisor) && assessment.AuthorUserId != me && assessment.Status == AssessmentStatus.Submitted,
                referral.RiskAlerts.Where(a => a.Source == RiskAlertSource.Assessment && a.SourceId == assessment.Id).Select(a => a.Area).Distinct().ToList(),
                person);
        }
    }
}
