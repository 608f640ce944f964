using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// What the criteria changes share. A criterion belongs to its programme: every change is checked against, and
/// renews, the programme's concurrency stamp, so a change made from an older list (or sent twice) is refused.
/// </summary>
internal static class CriteriaChanges
{
    public const int MaxTextLength = 300;
    public const int MaxHelpTextLength = 1000;

    /// <summary>Loads the programme with its criteria for a change made from the version <paramref name="seen"/>.</summary>
    public static async Task<Programme> LoadAsync(AppDbContext db, string? code, Guid seen, CancellationToken ct)
    {
        var programme = await LoadAsync(db, code, ct);
        Expect(db, programme, seen);
        return programme;
    }

    public static async Task<Programme> LoadAsync(AppDbContext db, string? code, CancellationToken ct) =>
        await db.Programmes.Include(p => p.Criteria).SingleOrDefaultAsync(p => p.Code == code, ct)
            ?? throw new NotFoundException("Programme", code ?? "");

    /// <summary>Refuses a change made from an older version, and renews the version for this one.</summary>
    public static void Expect(AppDbContext db, Programme programme, Guid seen)
    {
        AdminChanges.ExpectStamp(db, programme, p => p.ConcurrencyStamp, seen);
        programme.ConcurrencyStamp = Guid.NewGuid();
    }

    public static ProgrammeCriterion Find(Programme programme, int id) =>
        programme.Criteria.SingleOrDefault(c => c.Id == id) ?? throw new NotFoundException("Criterion", id);

    /// <summary>The criteria in use of one kind, in their order.</summary>
    public static List<ProgrammeCriterion> Active(Programme programme, CriterionKind kind) =>
        programme.Criteria.Where(c => c.Kind == kind && c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToList();

    /// <summary>The next position at the end of a kind's list (after retired ones too, so a restored one never collides).</summary>
    public static int NextSortOrder(Programme programme, CriterionKind kind) =>
        programme.Criteria.Where(c => c.Kind == kind).Select(c => c.SortOrder).DefaultIfEmpty(-1).Max() + 1;
}
