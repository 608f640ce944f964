using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Programmes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// An administrator changes a programme's settings. The public forms and emails see the change at once
/// (the programme directory's cache is cleared); an edit made from an older version is refused.
/// </summary>
public static class UpdateProgramme
{
    public sealed class Command : ProgrammeSettings, IRequest<Result>
    {
        /// <summary>Set by the page from the URL, never bound from the form.</summary>
        public string? Code { get; set; }

        /// <summary>The version of the programme the user saw (a hidden field of the form).</summary>
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed record Result(string Code);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage("The programme was not found: go back to the list of programmes");
            Include(new ProgrammeSettings.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ProgrammeDirectory directory) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Code == request.Code, cancellationToken)
                ?? throw new NotFoundException("Programme", request.Code!);
            AdminChanges.ExpectStamp(db, programme, p => p.ConcurrencyStamp, request.ConcurrencyStamp);

            request.ApplyTo(programme);
            programme.ConcurrencyStamp = Guid.NewGuid();
            audit.Record(AuditActions.ProgrammeUpdated, "Programme", programme.Code);
            await AdminChanges.SaveAsync(db, cancellationToken);
            directory.Invalidate();
            return new Result(programme.Code);
        }
    }
}
