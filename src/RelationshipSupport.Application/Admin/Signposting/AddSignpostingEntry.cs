using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>
/// An administrator adds a service to the signposting directory. Names are unique: sending the same form twice
/// adds one entry, and the second answer says the name is taken.
/// </summary>
public static class AddSignpostingEntry
{
    public sealed class Command : SignpostingFields, IRequest<Result>;

    public sealed record Result(int Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new SignpostingFields.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var name = request.Name!.Trim();
            Task<bool> Exists() => SignpostingNames.TakenAsync(db, name, null, cancellationToken);
            if (await Exists())
            {
                throw new ValidationFailedException(nameof(Command.Name), SignpostingFields.NameTaken);
            }

            var id = await AdminChanges.AddAuditedAsync(db,
                add: () =>
                {
                    var entry = new SignpostingEntry();
                    request.ApplyTo(entry);
                    db.SignpostingEntries.Add(entry);
                    return () => entry.Id;
                },
                record: id => audit.Record(AuditActions.SignpostingAdded, "SignpostingEntry", id, $"kind={request.Kind}"),
                cancellationToken, (Exists, nameof(Command.Name), SignpostingFields.NameTaken));
            return new Result(id);
        }
    }
}

internal static class SignpostingNames
{
    /// <summary>Whether another entry has this name, whatever its capitals.</summary>
    public static Task<bool> TakenAsync(AppDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        // Translated to SQL LOWER() on both providers; string.Equals with a StringComparison is not translatable.
#pragma warning disable CA1862
        return db.SignpostingEntries.AnyAsync(e => e.Name.ToLower() == lower && e.Id != exceptId, ct);
#pragma warning restore CA1862
    }
}
