using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Notes;

/// <summary>
/// The author changes their note within <see cref="CaseNote.EditWindow"/> (the domain refuses anyone else, a locked
/// note and an ended case). The form carries the note's concurrency stamp: if the note changed meanwhile (the author
/// in another tab) the change is refused and the user is told. Saving the same text again changes nothing.
/// </summary>
public static class EditNote
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int NoteId { get; set; }
        public Guid ConcurrencyStamp { get; set; }
        public string? Text { get; set; }
    }

    public sealed record Result(string Reference, bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Text).RequiredText("Enter the note", "The note", CaseNote.MaxLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var noteId = request.NoteId;
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Allocations)
                .Include(r => r.Notes.Where(n => n.Id == noteId)), cancellationToken);
            var note = referral.Notes.SingleOrDefault() ?? throw new NotFoundException("Note", noteId);
            var text = request.Text!.Trim();
            if (note.Text == text && note.AuthorUserId == user.UserId)
            {
                return new Result(referral.Reference, Changed: false);
            }
            try
            {
                if (note.ConcurrencyStamp != request.ConcurrencyStamp)
                {
                    throw new ConcurrencyConflictException();
                }
                db.Entry(note).Property(n => n.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
                referral.EditNote(note, text, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.CaseNoteEdited, "Referral", referral.Reference, $"note={note.Id.ToString(CultureInfo.InvariantCulture)}");
                await db.SaveChangesAsync(cancellationToken);
                return new Result(referral.Reference, Changed: true);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }
}
