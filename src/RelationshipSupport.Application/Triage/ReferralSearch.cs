using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The search box of the triage queue and the waiting list: an exact reference (typed any way), or the start of a
/// first or last name of either person. Names are matched on their normalised keys compared as index ranges in an
/// uncorrelated IN (...) over the people table (covering indexes of key and referral id), the same on SQLite and
/// SQL Server.
/// </summary>
internal static class ReferralSearch
{
    /// <summary>The referrals matching <paramref name="search"/>, and what kind of search it was ("none", "name", "reference") for the audit.</summary>
    public static (IQueryable<Referral> Referrals, string Kind) Apply(AppDbContext db, IQueryable<Referral> referrals, string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term)) return (referrals, "none");

        // Something shaped like a reference is a reference: one index look-up. (An OR with the name search would
        // make the database test every row of the list against both.)
        if (ReferenceGenerator.Normalise(term) is { } reference)
        {
            return (referrals.Where(r => r.Reference == reference), "reference");
        }

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

        return (referrals.Where(r => byName.Contains(r.Id)), "name");
    }
}
