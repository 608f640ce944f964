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
/// Anyone with clinical access to the case (its therapists, their supervisor) adds an addendum to a note: the way a
/// locked note is corrected, and the one change allowed on an ended case. The form id makes a repeated post add one.
/// </summary>
public static class AddAddendum
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public int NoteId { get; set; }
        public Guid FormId { get; set; }
        public string? Text { get; set; }
    }

    public sealed record Result(string Reference, bool Added);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FormId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Text).RequiredText("Enter the addendum", "The addendum", CaseNote.MaxLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var noteId = request.NoteId;
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Notes.Where(n => n.Id == noteId)), cancellationToken);
            var note = referral.Notes.SingleOrDefault() ?? throw new NotFoundException("Note", noteId);
            if (await NoteSupport.AlreadySentAsync(db, AuditActions.CaseNoteAddendumAdded, referral.Reference, request.FormId, cancellationToken))
            {
                return new Result(referral.Reference, Added: false);
            }
            try
            {
                var by = user.ToActor();
                note.AddAddendum(request.Text!, by.UserId, by.Name, clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.CaseNoteAddendumAdded, "Referral", referral.Reference,
                    $"{NoteSupport.FormMark(request.FormId)}; note={note.Id.ToString(CultureInfo.InvariantCulture)}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            return new Result(referral.Reference, Added: true);
        }
    }
}
