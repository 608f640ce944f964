using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// What the screening pages (start, checklist, suitability review, not suitable, panel decision) show about one referral:
/// its programme's active criteria, the person's own screening answers, the last screening and the signposting directory.
/// The view is audited; a referral the user may not see answers 404 and is audited as access denied.
/// </summary>
public static class GetScreeningCase
{
    public sealed class Query(string? reference, string page) : IRequest<Details>
    {
        public string? Reference { get; } = reference;
        /// <summary>Which page asked (recorded in the audit detail).</summary>
        public string Page { get; } = page;
    }

    public sealed record Criterion(int Id, CriterionKind Kind, string Text, string? HelpText);

    public sealed record LastScreening(DateTime AtUtc, string ByName, ScreeningOutcome Outcome, string? Notes, IReadOnlyDictionary<int, bool> MetByCriterionId,
        string? OverrideByName, string? OverrideReason);

    public sealed class Details
    {
        public required string Reference { get; init; }
        public required string PrimaryFirstName { get; init; }
        public required string Names { get; init; }
        public required string ProgrammeName { get; init; }
        public required string ProgrammeContactEmail { get; init; }
        public required string ProgrammeContactPhone { get; init; }
        public required bool RequiresPanel { get; init; }
        public required ReferralStatus Status { get; init; }
        public required bool AwaitingSupervisor { get; init; }
        public required ScreeningAnswer DomesticAbuse { get; init; }
        public required ScreeningAnswer SevereMentalIllness { get; init; }
        public required ScreeningAnswer SubstanceMisuse { get; init; }
        public required bool RiskFlag { get; init; }
        public required bool HasReferrerEmail { get; init; }
        public required bool PersonWillBeEmailed { get; init; }
        public required IReadOnlyList<Criterion> Criteria { get; init; }
        public LastScreening? Last { get; init; }
        public required IReadOnlyList<SignpostingChoice> Directory { get; init; }
        public required Guid ConcurrencyStamp { get; init; }
        /// <summary>Whether the user is a supervisor (may override; sees the override field).</summary>
        public required bool UserIsSupervisor { get; init; }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q.AsNoTracking()
                .Include(r => r.Programme!).ThenInclude(p => p.Criteria)
                .Include(r => r.People)
                .Include(r => r.Screenings).ThenInclude(s => s.Results)
                .AsSplitQuery(), cancellationToken);
            var directory = await ScreeningRules.DirectoryAsync(db, cancellationToken);

            audit.RecordRead(AuditActions.ReferralViewed, "Referral", referral.Reference, $"page={request.Page}");

            var programme = referral.Programme!;
            var last = referral.Screenings.OrderByDescending(s => s.AtUtc).ThenByDescending(s => s.Id).FirstOrDefault();
            return new Details
            {
                Reference = referral.Reference,
                PrimaryFirstName = referral.Primary.FirstName,
                Names = referral.Primary.FullName + (referral.Partner is { } partner ? $" and {partner.FullName}" : ""),
                ProgrammeName = programme.Name,
                ProgrammeContactEmail = programme.ContactEmail,
                ProgrammeContactPhone = programme.ContactPhone,
                RequiresPanel = programme.RequiresScreeningPanel,
                Status = referral.Status,
                AwaitingSupervisor = referral.AwaitingSupervisor,
                DomesticAbuse = referral.DomesticAbuse,
                SevereMentalIllness = referral.SevereMentalIllness,
                SubstanceMisuse = referral.SubstanceMisuse,
                RiskFlag = referral.RiskFlag,
                HasReferrerEmail = referral.ReferrerEmail is not null,
                PersonWillBeEmailed = OutcomeEmails.MayEmailPerson(referral),
                Criteria = programme.Criteria.Where(c => c.IsActive).OrderBy(c => c.Kind).ThenBy(c => c.SortOrder)
                    .Select(c => new Criterion(c.Id, c.Kind, c.Text, c.HelpText)).ToList(),
                Last = last is null ? null : new LastScreening(last.AtUtc, last.ByName, last.Outcome, last.Notes,
                    last.Results.ToDictionary(r => r.CriterionId, r => r.Met), last.OverrideByName, last.OverrideReason),
                Directory = directory,
                ConcurrencyStamp = referral.ConcurrencyStamp,
                UserIsSupervisor = user.IsInRole(Identity.Roles.Supervisor),
            };
        }
    }
}
