using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// A search for an exact reference or the start of a name, as the triage queue does it (the same technique as
/// <c>GetTriageQueue</c>, copied here so that file stays untouched): the normalised name keys compared as index
/// ranges in an uncorrelated IN (...) over the people table, the same on SQLite and SQL Server.
/// </summary>
internal static class ReferralSearch
{
    /// <summary>The referrals matching <paramref name="search"/>, and what kind of search it was ("none", "name", "reference") for the audit.</summary>
    public static (IQueryable<Referral> Referrals, string Kind) Apply(AppDbContext db, IQueryable<Referral> referrals, string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term)) return (referrals, "none");

        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SearchKeys.Name).Where(w => w.Length > 0).ToArray();
        IQueryable<int> byName;
        if (words.Length == 0)
        {
            byName = db.ReferralPeople.Where(_ => false).Select(p => p.ReferralId);
        }
        else if (words.Length == 1)
        {
            var (lo, hi) = (words[0], SearchKeys.PrefixUpperBound(words[0]));
            byName = db.ReferralPeople
                .Where(p => (string.Compare(p.SearchLastName, lo) >= 0 && string.Compare(p.SearchLastName, hi) < 0)
                    || (string.Compare(p.SearchFirstName, lo) >= 0 && string.Compare(p.SearchFirstName, hi) < 0))
                .Select(p => p.ReferralId);
        }
        else
        {
            // "Alex Test" finds Alexandra Testperson; "Smith Jones" still finds a last name "Smith-Jones".
            var (firstLo, firstHi) = (words[0], SearchKeys.PrefixUpperBound(words[0]));
            var (lastLo, lastHi) = (words[^1], SearchKeys.PrefixUpperBound(words[^1]));
            var whole = string.Concat(words);
            var (wholeLo, wholeHi) = (whole, SearchKeys.PrefixUpperBound(whole));
            byName = db.ReferralPeople
                .Where(p => (string.Compare(p.SearchLastName, lastLo) >= 0 && string.Compare(p.SearchLastName, lastHi) < 0
                        && string.Compare(p.SearchFirstName, firstLo) >= 0 && string.Compare(p.SearchFirstName, firstHi) < 0)
                    || (string.Compare(p.SearchLastName, wholeLo) >= 0 && string.Compare(p.SearchLastName, wholeHi) < 0))
                .Select(p => p.ReferralId);
        }

        var reference = ReferenceGenerator.Normalise(term);
        return reference is null
            ? (referrals.Where(r => byName.Contains(r.Id)), "name")
            : (referrals.Where(r => r.Reference == reference || byName.Contains(r.Id)), "reference");
    }
}
