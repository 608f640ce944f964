using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// One referral, with everything a coordinator needs to contact the person safely and move it on. Each view
/// is audited; a reference that does not exist, or that the user may not see, answers
/// <see cref="NotFoundException"/> and is audited as access denied.
/// </summary>
public static class GetReferral
{
    public sealed class Query : IRequest<Details>
    {
        public Query(string? reference) => Reference = reference;

        /// <summary>The reference from the URL, typed any way ("rs-7kq4-2m9p").</summary>
        public string? Reference { get; }
    }

    public sealed record Person(
        PersonRole Role,
        string FirstName,
        string LastName,
        DateOnly? DateOfBirth,
        string? Email,
        string? Phone,
        PreferredContact PreferredContact,
        string? SafeContactTimes,
        bool MayLeaveMessages,
        string? Employer,
        string? JobRole,
        string EthnicCategory,
        string GenderIdentity,
        bool ConsentToService,
        bool ConsentToEvaluation)
    {
        public string FullName => $"{FirstName} {LastName}";
    }

    public sealed record Child(string FirstName, int AgeYears, bool LivesWithReferredParents);

    public sealed record Referrer(
        string? Name,
        ReferrerRole? Role,
        string? RoleOther,
        string? Organisation,
        string? Email,
        string? Phone,
        bool FamilyConsentConfirmed,
        bool MayBeUpdated);

    public sealed record HistoryEntry(DateTime AtUtc, ReferralStatus From, ReferralStatus To, string By, string? Reason);

    public sealed record CriterionResult(CriterionKind Kind, string Text, bool Met);

    public sealed record ScreeningSummary(
        DateTime AtUtc, string By, ScreeningOutcome Outcome, string? Notes, string? OverrideBy, string? OverrideReason, IReadOnlyList<CriterionResult> Results);

    public sealed record Therapist(string Name, AllocationRole Role, DateTime AllocatedAtUtc);

    public sealed record Attempt(DateTime AtUtc, ContactMethod Method, ContactOutcome Outcome, string? Note, string RecordedBy, DateTime RecordedAtUtc);

    public sealed class Details
    {
        public required string Reference { get; init; }
        public required string ProgrammeCode { get; init; }
        public required string ProgrammeName { get; init; }
        public string? HubName { get; init; }
        public string? HubPhone { get; init; }
        public string? HubEmail { get; init; }
        public required ReferralRoute Route { get; init; }
        public required ReferralStatus Status { get; init; }
        public required bool IsOpen { get; init; }
        public required DateTime ReceivedAtUtc { get; init; }
        public required int AgeInDays { get; init; }
        public DateTime? LastContactAtUtc { get; init; }
        public required ClientType ClientType { get; init; }
        public required string Difficulty { get; init; }
        public required CounsellingKinds CounsellingKinds { get; init; }
        public required Availability Availability { get; init; }
        public string? AvailabilityNotes { get; init; }
        public required SessionFormat Format { get; init; }
        public required ScreeningAnswer DomesticAbuse { get; init; }
        public required ScreeningAnswer SevereMentalIllness { get; init; }
        public required ScreeningAnswer SubstanceMisuse { get; init; }
        public required bool RiskFlag { get; init; }
        /// <summary>Null for self-referrals.</summary>
        public Referrer? Referrer { get; init; }
        public required IReadOnlyList<Person> People { get; init; }
        public required IReadOnlyList<Child> Children { get; init; }
        /// <summary>Newest first.</summary>
        public required IReadOnlyList<Attempt> ContactAttempts { get; init; }
        /// <summary>Goes back with any change, so a change made meanwhile by someone else is detected.</summary>
        public required Guid ConcurrencyStamp { get; init; }

        public required bool RequiresScreeningPanel { get; init; }
        public required bool AwaitingSupervisor { get; init; }
        public required bool IsPriority { get; init; }
        public string? PriorityReason { get; init; }
        public DateTime? WaitingSinceUtc { get; init; }
        public int? DaysWaiting { get; init; }
        public ClosureReason? ClosureReason { get; init; }
        public string? ClosureNote { get; init; }
        public DateTime? ClosedAtUtc { get; init; }
        /// <summary>Unanswered contact attempts in a row, and the programme's number that offers closure.</summary>
        public required int UnansweredAttempts { get; init; }
        public required int UnansweredAttemptsBeforeClosure { get; init; }
        public required bool OfferedForClosure { get; init; }
        /// <summary>Every move and change, newest first.</summary>
        public required IReadOnlyList<HistoryEntry> History { get; init; }
        public ScreeningSummary? LatestScreening { get; init; }
        /// <summary>Therapists currently allocated (lead first).</summary>
        public required IReadOnlyList<Therapist> Therapists { get; init; }
        /// <summary>The screening panel meeting where this referral waits for a decision, if any.</summary>
        public int? PendingPanelMeetingId { get; init; }
        /// <summary>Other referrals that may be the same person and are not yet dismissed.</summary>
        public int PossibleDuplicates { get; init; }
        /// <summary>Names of the services the person was pointed to.</summary>
        public required IReadOnlyList<string> SignpostedTo { get; init; }

        public Person Primary => People.Single(p => p.Role == PersonRole.Primary);
        public Person? Partner => People.SingleOrDefault(p => p.Role == PersonRole.Partner);
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference, q => q.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.Hub)
                .Include(r => r.People)
                .Include(r => r.Children)
                .Include(r => r.ContactAttempts)
                .Include(r => r.StatusChanges)
                .Include(r => r.Screenings.OrderByDescending(x => x.AtUtc).Take(1)).ThenInclude(x => x.Results)
                .Include(r => r.Allocations.Where(a => a.EndedAtUtc == null))
                .Include(r => r.Signposting)
                .AsSplitQuery(), cancellationToken);

            var recorderIds = referral.ContactAttempts.Select(a => a.RecordedByUserId)
                .Concat(referral.Allocations.Select(a => a.TherapistUserId)).Distinct().ToList();
            var recorders = await db.Users.AsNoTracking()
                .Where(u => recorderIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            var pendingMeeting = referral.Status == ReferralStatus.ScreeningPanel
                ? await db.PanelCases.Where(c => c.ReferralId == referral.Id && c.Decision == PanelDecision.Pending)
                    .Select(c => (int?)c.PanelMeetingId).FirstOrDefaultAsync(cancellationToken)
                : null;
            var now = clock.GetUtcNow().UtcDateTime;
            var possibleDuplicates = referral.IsOpen
                ? await Duplicates.FindPossibleDuplicates.CountAsync(db, await visibility.ScopeAsync(cancellationToken), referral.Id, now, cancellationToken)
                : 0;

            audit.RecordRead(AuditActions.ReferralViewed, "Referral", referral.Reference);

            var signpostingIds = referral.Signposting.Select(s => s.SignpostingEntryId).ToList();
            var signposted = signpostingIds.Count == 0 ? [] : await db.SignpostingEntries.AsNoTracking()
                .Where(e => signpostingIds.Contains(e.Id)).OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(cancellationToken);
            var screening = referral.Screenings.OrderByDescending(x => x.AtUtc).FirstOrDefault();
            string NameOf(string id) => recorders.TryGetValue(id, out var name) && !string.IsNullOrEmpty(name) ? name : "Unknown user";

            var professional = referral.ReferrerName is not null || referral.Route == ReferralRoute.Professional;
            return new Details
            {
                Reference = referral.Reference,
                ProgrammeCode = referral.Programme!.Code,
                ProgrammeName = referral.Programme.Name,
                HubName = referral.Hub?.Name,
                HubPhone = referral.Hub?.Phone,
                HubEmail = referral.Hub?.Email,
                Route = referral.Route,
                Status = referral.Status,
                IsOpen = referral.IsOpen,
                ReceivedAtUtc = referral.ReceivedAtUtc,
                AgeInDays = referral.AgeInDays(now),
                LastContactAtUtc = referral.LastContactAtUtc,
                ClientType = referral.ClientType,
                Difficulty = referral.Difficulty,
                CounsellingKinds = referral.CounsellingKinds,
                Availability = referral.Availability,
                AvailabilityNotes = referral.AvailabilityNotes,
                Format = referral.Format,
                DomesticAbuse = referral.DomesticAbuse,
                SevereMentalIllness = referral.SevereMentalIllness,
                SubstanceMisuse = referral.SubstanceMisuse,
                RiskFlag = referral.RiskFlag,
                Referrer = professional
                    ? new Referrer(referral.ReferrerName, referral.ReferrerRole, referral.ReferrerRoleOther, referral.ReferrerOrganisation,
                        referral.ReferrerEmail, referral.ReferrerPhone, referral.FamilyConsentConfirmed, referral.ReferrerMayBeUpdated)
                    : null,
                People = referral.People.OrderBy(p => p.Role).Select(p => new Person(
                    p.Role, p.FirstName, p.LastName, p.DateOfBirth, p.Email, p.Phone, p.PreferredContact, p.SafeContactTimes,
                    p.MayLeaveMessages, p.Employer, p.JobRole, EthnicCategory.Describe(p.EthnicCategory), GenderIdentity.Describe(p.GenderIdentity),
                    p.ConsentToService, p.ConsentToEvaluation)).ToList(),
                Children = referral.Children.OrderBy(c => c.Id).Select(c => new Child(c.FirstName, c.AgeYears, c.LivesWithReferredParents)).ToList(),
                ContactAttempts = referral.ContactAttempts
                    .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                    .Select(a => new Attempt(a.AtUtc, a.Method, a.Outcome, a.Note,
                        NameOf(a.RecordedByUserId),
                        a.RecordedAtUtc))
                    .ToList(),
                ConcurrencyStamp = referral.ConcurrencyStamp,
                RequiresScreeningPanel = referral.Programme.RequiresScreeningPanel,
                AwaitingSupervisor = referral.AwaitingSupervisor,
                IsPriority = referral.IsPriority,
                PriorityReason = referral.PriorityReason,
                WaitingSinceUtc = referral.WaitingSinceUtc,
                DaysWaiting = referral.WaitingSinceUtc is { } since && referral.Status == ReferralStatus.WaitingForAssessment
                    ? UkTime.DaysBetween(since, now) : null,
                ClosureReason = referral.ClosureReason,
                ClosureNote = referral.ClosureNote,
                ClosedAtUtc = referral.IsOpen ? null : referral.ClosedAtUtc,
                UnansweredAttempts = referral.UnansweredAttemptsInARow(),
                UnansweredAttemptsBeforeClosure = referral.Programme.UnansweredAttemptsBeforeClosure,
                OfferedForClosure = referral.IsOfferedForClosure(referral.Programme),
                History = referral.StatusChanges.OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id)
                    .Select(c => new HistoryEntry(c.AtUtc, c.From, c.To, c.ByName, c.Reason)).ToList(),
                LatestScreening = screening is null ? null : new ScreeningSummary(
                    screening.AtUtc, screening.ByName, screening.Outcome, screening.Notes, screening.OverrideByName, screening.OverrideReason,
                    screening.Results.OrderBy(x => x.Kind).ThenBy(x => x.Id).Select(x => new CriterionResult(x.Kind, x.CriterionText, x.Met)).ToList()),
                Therapists = referral.Allocations.OrderBy(a => a.Role)
                    .Select(a => new Therapist(NameOf(a.TherapistUserId), a.Role, a.AllocatedAtUtc)).ToList(),
                SignpostedTo = signposted,
                PossibleDuplicates = possibleDuplicates,
                PendingPanelMeetingId = pendingMeeting,
            };
        }
    }
}
