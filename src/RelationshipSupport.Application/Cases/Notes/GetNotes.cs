using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Notes;

/// <summary>
/// A case's notes, newest first. At Clinical level (the case's therapists and their supervisor) each note comes with
/// its text and addenda; at Oversight level (managers, coordinators, other supervisors) only that it exists: author,
/// time and session. Every view is audited (<c>case.notes-viewed</c>, with the level and the count; never the text).
/// <see cref="Query.NoteId"/> narrows it to one note (the edit and addendum pages, which ask for Clinical level).
/// </summary>
public static class GetNotes
{
    public sealed record Query(string? Reference, CaseAccessLevel Required = CaseAccessLevel.Oversight, int? NoteId = null) : IRequest<Result>;

    public sealed record Addendum(string AuthorName, DateTime AtUtc, string Text);

    public sealed record Note(
        int Id,
        string AuthorName,
        DateTime CreatedAtUtc,
        DateTime? EditedAtUtc,
        string? SessionLabel,
        /// <summary>Null unless the user has clinical access.</summary>
        string? Text,
        IReadOnlyList<Addendum> Addenda,
        int AddendaCount,
        bool Locked,
        DateTime LocksAtUtc,
        bool CanEdit,
        Guid ConcurrencyStamp);

    public sealed record SessionOption(int Id, string Label);

    public sealed record Result(bool ShowsText, bool CanAddNote, bool CanAddAddendum, IReadOnlyList<Note> Notes, IReadOnlyList<SessionOption> Sessions);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, request.Required, q => q.AsNoTracking()
                .Include(r => r.Allocations)
                .Include(r => r.Sessions), cancellationToken);
            var clinical = level == CaseAccessLevel.Clinical;
            var now = clock.GetUtcNow().UtcDateTime;
            var me = user.UserId ?? "";
            var sessions = referral.Sessions.ToDictionary(s => s.Id);

            var query = db.CaseNotes.AsNoTracking().Where(n => n.ReferralId == referral.Id);
            if (request.NoteId is { } noteId) query = query.Where(n => n.Id == noteId);
            // Without clinical access the text is not even read from the database.
            var rows = clinical
                ? await query.Include(n => n.Addenda).OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).ToListAsync(cancellationToken)
                : await query.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
                    .Select(n => new Domain.Cases.CaseNote
                    {
                        Id = n.Id, SessionId = n.SessionId, AuthorUserId = n.AuthorUserId, AuthorName = n.AuthorName,
                        CreatedAtUtc = n.CreatedAtUtc, EditedAtUtc = n.EditedAtUtc, ConcurrencyStamp = n.ConcurrencyStamp,
                    })
                    .ToListAsync(cancellationToken);
            if (request.NoteId is not null && rows.Count == 0)
            {
                throw new NotFoundException("Note", request.NoteId);
            }
            var addendaCounts = clinical
                ? rows.ToDictionary(n => n.Id, n => n.Addenda.Count)
                : await db.CaseNoteAddenda.Where(a => rows.Select(n => n.Id).Contains(a.CaseNoteId))
                    .GroupBy(a => a.CaseNoteId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

            var notes = rows.Select(n => new Note(
                n.Id,
                n.AuthorName,
                n.CreatedAtUtc,
                n.EditedAtUtc,
                n.SessionId is { } sid && sessions.TryGetValue(sid, out var s) ? NoteSupport.SessionLabel(s) : null,
                clinical ? n.Text : null,
                clinical ? n.Addenda.OrderBy(a => a.AtUtc).ThenBy(a => a.Id).Select(a => new Addendum(a.AuthorName, a.AtUtc, a.Text)).ToList() : [],
                addendaCounts.GetValueOrDefault(n.Id),
                n.IsLocked(now),
                n.LocksAtUtc,
                clinical && referral.IsOpen && n.CanBeEditedBy(me, now),
                n.ConcurrencyStamp)).ToList();

            audit.RecordRead(AuditActions.CaseNotesViewed, "Referral", referral.Reference,
                $"access={level}; notes={notes.Count}{(request.NoteId is { } id ? $"; note={id}" : "")}");

            return new Result(
                clinical,
                referral.IsOpen && referral.IsAllocatedTo(me),
                clinical,
                notes,
                referral.Sessions.OrderBy(s => s.StartsAtUtc).Select(s => new SessionOption(s.Id, NoteSupport.SessionLabel(s))).ToList());
        }
    }
}
