using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>An administrator changes a directory entry. An edit made from an older version is refused.</summary>
public static class UpdateSignpostingEntry
{
    public sealed class Command : SignpostingFields, IRequest<Unit>
    {
        /// <summary>Set by the page from the URL.</summary>
        public int Id { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new SignpostingFields.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var entry = await db.SignpostingEntries.SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("SignpostingEntry", request.Id);
            AdminChanges.ExpectStamp(db, entry, e => e.ConcurrencyStamp, request.ConcurrencyStamp);
            var name = request.Name!.Trim();
            Task<bool> Taken() => SignpostingNames.TakenAsync(db, name, request.Id, cancellationToken);
            if (await Taken())
            {
                throw new ValidationFailedException(nameof(Command.Name), SignpostingFields.NameTaken);
            }

            request.ApplyTo(entry);
            entry.ConcurrencyStamp = Guid.NewGuid();
            audit.Record(AuditActions.SignpostingUpdated, "SignpostingEntry", entry.Id, $"kind={entry.Kind}");
            await AdminChanges.SaveAsync(db, cancellationToken, (Taken, nameof(Command.Name), SignpostingFields.NameTaken));
            return Unit.Value;
        }
    }
}
