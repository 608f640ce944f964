using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// An administrator adds a programme (a new contract). The code is unique: sending the same form twice adds one
/// programme and the second answer says the code is taken.
/// </summary>
public static class AddProgramme
{
    public sealed class Command : ProgrammeSettings, IRequest<Result>
    {
        /// <summary>Stable code used in web addresses and the command line, like <c>nhs-staff</c>.</summary>
        public string? Code { get; set; }
    }

    public sealed record Result(string Code);

    public const string CodeTaken = "A programme with this code already exists: choose another code";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).Code("programme code");
            Include(new ProgrammeSettings.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ProgrammeDirectory directory) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var code = request.Code!.Trim();
            Task<bool> Exists() => db.Programmes.AnyAsync(p => p.Code == code, cancellationToken);
            if (await Exists())
            {
                throw new ValidationFailedException(nameof(Command.Code), CodeTaken);
            }

            var programme = new Programme { Code = code };
            request.ApplyTo(programme);
            db.Programmes.Add(programme);
            audit.Record(AuditActions.ProgrammeAdded, "Programme", code);
            await AdminChanges.SaveAsync(db, cancellationToken, (Exists, nameof(Command.Code), CodeTaken));
            directory.Invalidate();
            return new Result(code);
        }
    }
}
