using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Instruments;

/// <summary>
/// An administrator retires a questionnaire (every version of its code), or reinstates it. A retired questionnaire
/// is not offered for new questionnaires and cannot be added to a programme's schedule; answers already given keep
/// their version and their scores, and programmes' schedules keep the code, so reinstating it gives it again.
/// Retiring the whole code, not one version, keeps one meaning of "current" everywhere: the latest version, unless
/// the code is retired. Asking for the state it is already in changes nothing (a button sent twice is harmless).
/// </summary>
public static class SetInstrumentRetired
{
    public sealed record Command(string Code, bool Retired) : IRequest<Result>;

    public sealed record Result(string Code, bool Changed);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var versions = await db.Instruments.Where(i => i.Code == request.Code).ToListAsync(cancellationToken);
            if (versions.Count == 0)
            {
                throw new NotFoundException("Instrument", request.Code);
            }
            var changing = versions.Where(v => v.IsRetired != request.Retired).ToList();
            if (changing.Count == 0)
            {
                return new Result(request.Code, Changed: false);
            }
            foreach (var version in changing)
            {
                version.IsRetired = request.Retired;
            }
            audit.Record(request.Retired ? AuditActions.InstrumentRetired : AuditActions.InstrumentReinstated, "Instrument", request.Code);
            await AdminChanges.SaveAsync(db, cancellationToken);
            return new Result(request.Code, Changed: true);
        }
    }
}
