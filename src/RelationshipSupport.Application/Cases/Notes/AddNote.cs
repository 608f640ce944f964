using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Notes;

/// <summary>
/// One of the case's therapists adds a note, optionally about one of the case's sessions (the domain's
/// <c>Referral.AddNote</c>: therapists only, open cases only). The form carries an id: posting the same form again
/// (a double click, a refresh) adds nothing. The audit entry names the form and the session, never the text.
/// </summary>
public static class AddNote
{
    public sealed class Command : IRequest<Result>
    {
        public string? Reference { get; set; }
        public Guid FormId { get; set; }
        public int? SessionId { get; set; }
        public string? Text { get; set; }
    }

    public sealed record Result(string Reference, bool Added);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FormId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.Text).RequiredText("Enter the note", "The note", CaseNote.MaxLength);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q
                .Include(r => r.Allocations)
                .Include(r => r.Sessions), cancellationToken);
            if (await NoteSupport.AlreadySentAsync(db, AuditActions.CaseNoteAdded, referral.Reference, request.FormId, cancellationToken))
            {
                return new Result(referral.Reference, Added: false);
            }
            try
            {
                referral.AddNote(request.SessionId, request.Text!, user.ToActor(), clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditActions.CaseNoteAdded, "Referral", referral.Reference,
                    $"{NoteSupport.FormMark(request.FormId)}; session={request.SessionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
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
