using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>
/// An administrator adds a referral source to a programme. Codes are unique across programmes: sending the same
/// form twice adds one, and the second answer says the code is taken.
/// </summary>
public static class AddHub
{
    public sealed class Command : HubFields, IRequest<Result>
    {
        public string? ProgrammeCode { get; set; }
        public string? Code { get; set; }
    }

    public sealed record Result(int Id);

    public const string CodeTaken = "A referral source with this code already exists: choose another code";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeCode).NotEmpty().WithMessage("Select the programme it refers to");
            RuleFor(c => c.Code).Code("code");
            Include(new HubFields.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ProgrammeDirectory directory) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Code == request.ProgrammeCode, cancellationToken)
                ?? throw new ValidationFailedException(nameof(Command.ProgrammeCode), "Select the programme it refers to");
            var code = request.Code!.Trim();
            Task<bool> Exists() => db.Hubs.AnyAsync(h => h.Code == code, cancellationToken);
            if (await Exists())
            {
                throw new ValidationFailedException(nameof(Command.Code), CodeTaken);
            }

            var hub = new Hub { Code = code, ProgrammeId = programme.Id };
            request.ApplyTo(hub);
            db.Hubs.Add(hub);
            audit.Record(AuditActions.HubAdded, "Hub", code, $"programme={programme.Code}");
            await AdminChanges.SaveAsync(db, cancellationToken, (Exists, nameof(Command.Code), CodeTaken));
            directory.Invalidate();
            return new Result(hub.Id);
        }
    }
}
