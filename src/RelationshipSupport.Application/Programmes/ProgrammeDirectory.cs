using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Programmes;

/// <summary>What the public forms and emails need to know about a programme; changes rarely.</summary>
public sealed record ProgrammeInfo(
    int Id, string Code, string Name, bool IsActive, bool AcceptsSelfReferrals, bool AcceptsProfessionalReferrals,
    string WhatHappensNext, string ContactEmail, string ContactPhone, IReadOnlyList<HubInfo> Hubs)
{
    public bool Accepts(Domain.Referrals.ReferralRoute route) =>
        IsActive && (route == Domain.Referrals.ReferralRoute.Professional ? AcceptsProfessionalReferrals : AcceptsSelfReferrals);

    public HubInfo? Hub(string? code) => Hubs.FirstOrDefault(h => h.Code == code && h.IsActive);
}

public sealed record HubInfo(int Id, string Code, string Name, string Area, string Email, string Phone, bool IsActive);

/// <summary>
/// Programmes and hubs, read once and cached briefly: every public form GET and POST needs them, and they
/// change only when an administrator edits them (who calls <see cref="Invalidate"/>).
/// </summary>
public sealed class ProgrammeDirectory(AppDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "programme-directory";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ProgrammeInfo>> AllAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await LoadAsync(ct);
        }))!;

    public async Task<ProgrammeInfo?> FindAsync(string? code, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(p => p.Code == code);

    public void Invalidate() => cache.Remove(CacheKey);

    private async Task<IReadOnlyList<ProgrammeInfo>> LoadAsync(CancellationToken ct)
    {
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Hubs).OrderBy(p => p.Name).ToListAsync(ct);
        return programmes.Select(ToInfo).ToList();
    }

    private static ProgrammeInfo ToInfo(Programme p) => new(
        p.Id, p.Code, p.Name, p.IsActive, p.AcceptsSelfReferrals, p.AcceptsProfessionalReferrals, p.WhatHappensNext, p.ContactEmail, p.ContactPhone,
        p.Hubs.OrderBy(h => h.Name).Select(h => new HubInfo(h.Id, h.Code, h.Name, h.Area, h.Email, h.Phone, h.IsActive)).ToList());
}
