using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Duplicates;

/// <summary>
/// Other referrals that look like the same person: open ones, and ones closed in the last
/// <see cref="RecentlyClosedDays"/> days (marked), sharing an email, a phone number (compared in national form, so
/// "+44 7700 900123" is "07700900123") or a last name and date of birth with either person of this referral.
/// Referrals a coordinator has said are not the same person (either way round) are left out; linked ones are shown
/// with that decision. Only referrals the user may see are considered. Every look-up is an index seek on the
/// people table's normalised keys.
/// </summary>
public static class FindPossibleDuplicates
{
    public const int RecentlyClosedDays = 90;

    public sealed class Query(string? reference) : IRequest<Result>
    {
        public string? Reference { get; } = reference;
    }

    [Flags]
    public enum MatchedOn
    {
        None = 0,
        Email = 1,
        Phone = 2,
        NameAndDateOfBirth = 4,
    }

    public sealed record Row(
        string Reference,
        string ProgrammeName,
        ReferralStatus Status,
        bool IsOpen,
        DateTime ReceivedAtUtc,
        DateTime? ClosedAtUtc,
        MatchedOn MatchedOn,
        DuplicateDecision? Decision);

    public sealed record Result(GetCaseSummary.Summary Referral, IReadOnlyList<Row> Rows)
    {
        /// <summary>Possible duplicates nobody has decided about yet.</summary>
        public int UndecidedCount => Rows.Count(r => r.Decision is null);
    }

    /// <summary>
    /// For a banner on the referral page: how many possible duplicates of referral <paramref name="referralId"/> are
    /// still to be looked at (not linked, not dismissed). A handful of index look-ups.
    /// </summary>
    public static async Task<int> CountAsync(AppDbContext db, VisibilityScope scope, int referralId, DateTime nowUtc, CancellationToken ct) =>
        (await FindAsync(db, scope, referralId, nowUtc, ct)).Count(r => r.Decision is null);

    internal static async Task<List<Row>> FindAsync(AppDbContext db, VisibilityScope scope, int referralId, DateTime nowUtc, CancellationToken ct)
    {
        var people = await db.ReferralPeople.AsNoTracking()
            .Where(p => p.ReferralId == referralId)
            .Select(p => new { p.EmailKey, p.PhoneKey, p.SearchLastName, p.DateOfBirth })
            .ToListAsync(ct);
        var emails = people.Where(p => p.EmailKey != null).Select(p => p.EmailKey!).Distinct().ToArray();
        var phones = people.Where(p => p.PhoneKey != null).Select(p => p.PhoneKey!).Distinct().ToArray();
        var namesAndDates = people.Where(p => p.DateOfBirth != null && p.SearchLastName.Length > 0)
            .Select(p => (p.SearchLastName, DateOfBirth: p.DateOfBirth!.Value)).Distinct().ToList();
        if (emails.Length == 0 && phones.Length == 0 && namesAndDates.Count == 0) return [];

        // One seek per key; the surname look-up uses the (SearchLastName, DateOfBirth) index.
        var matches = new List<(int ReferralId, MatchedOn On)>();
        if (emails.Length > 0)
        {
            matches.AddRange((await db.ReferralPeople.AsNoTracking()
                .Where(p => p.ReferralId != referralId && p.EmailKey != null && emails.Contains(p.EmailKey))
                .Select(p => p.ReferralId).ToListAsync(ct)).Select(id => (id, MatchedOn.Email)));
        }
        if (phones.Length > 0)
        {
            matches.AddRange((await db.ReferralPeople.AsNoTracking()
                .Where(p => p.ReferralId != referralId && p.PhoneKey != null && phones.Contains(p.PhoneKey))
                .Select(p => p.ReferralId).ToListAsync(ct)).Select(id => (id, MatchedOn.Phone)));
        }
        foreach (var (lastName, dateOfBirth) in namesAndDates)
        {
            matches.AddRange((await db.ReferralPeople.AsNoTracking()
                .Where(p => p.ReferralId != referralId && p.SearchLastName == lastName && p.DateOfBirth == dateOfBirth)
                .Select(p => p.ReferralId).ToListAsync(ct)).Select(id => (id, MatchedOn.NameAndDateOfBirth)));
        }
        if (matches.Count == 0) return [];

        var matchedOn = matches.GroupBy(m => m.ReferralId).ToDictionary(g => g.Key, g => g.Aggregate(MatchedOn.None, (a, m) => a | m.On));
        var ids = matchedOn.Keys.ToList();
        var closedSince = nowUtc.AddDays(-RecentlyClosedDays);
        var open = ReferralWorkflow.OpenStatuses.ToArray();
        var others = await scope.Apply(db.Referrals.AsNoTracking())
            .Where(r => ids.Contains(r.Id) && (open.Contains(r.Status) || r.ClosedAtUtc >= closedSince))
            .Select(r => new { r.Id, r.Reference, ProgrammeName = r.Programme!.Name, r.Status, r.ReceivedAtUtc, r.ClosedAtUtc })
            .ToListAsync(ct);

        // Decisions either way round: this referral's about the other, or the other's about this one.
        var decisions = await db.DuplicateReviews.AsNoTracking()
            .Where(d => (d.ReferralId == referralId && ids.Contains(d.OtherReferralId)) || (d.OtherReferralId == referralId && ids.Contains(d.ReferralId)))
            .Select(d => new { d.ReferralId, d.OtherReferralId, d.Decision, d.AtUtc })
            .ToListAsync(ct);
        DuplicateDecision? DecisionAbout(int otherId)
        {
            var about = decisions.Where(d => d.ReferralId == otherId || d.OtherReferralId == otherId).ToList();
            if (about.Any(d => d.Decision == DuplicateDecision.Dismissed)) return DuplicateDecision.Dismissed;
            return about.Count > 0 ? about[0].Decision : null;
        }

        return others
            .Select(o => new Row(o.Reference, o.ProgrammeName, o.Status, ReferralWorkflow.IsOpen(o.Status), o.ReceivedAtUtc,
                ReferralWorkflow.IsOpen(o.Status) ? null : o.ClosedAtUtc, matchedOn[o.Id], DecisionAbout(o.Id)))
            .Where(r => r.Decision != DuplicateDecision.Dismissed)
            .OrderByDescending(r => r.IsOpen).ThenByDescending(r => r.ReceivedAtUtc)
            .ToList();
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.AsNoTracking().Include(r => r.Programme).Include(r => r.People).Include(r => r.ContactAttempts), cancellationToken);
            var summary = CaseSummaries.From(referral, user, clock);
            var rows = await FindAsync(db, await visibility.ScopeAsync(cancellationToken), referral.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            audit.RecordRead(AuditActions.ReferralViewed, "Referral", referral.Reference, $"page=duplicates; found={rows.Count}");
            return new Result(summary, rows);
        }
    }
}
