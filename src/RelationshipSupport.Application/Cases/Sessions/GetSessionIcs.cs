using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>A session as an iCalendar file for the case's clinicians (the same invitation clients are sent). Audited.</summary>
public static class GetSessionIcs
{
    public sealed record Query(string? Reference, int SessionId) : IRequest<File>;

    public sealed record File(string FileName, byte[] Content);

    internal sealed class Handler(CaseAccess access, AuditLog audit) : IRequestHandler<Query, File>
    {
        public async Task<File> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.Sessions), cancellationToken);
            var session = referral.Sessions.SingleOrDefault(s => s.Id == request.SessionId) ?? throw new NotFoundException("Session", request.SessionId);
            audit.RecordRead(AuditActions.SessionInvitationDownloaded, "Referral", referral.Reference, $"session={session.Id}");
            var ics = SessionEmails.Ics(referral.Programme!.Name, referral.Reference, session);
            return new File($"session-{referral.Reference}-{session.Id}.ics", Encoding.UTF8.GetBytes(ics));
        }
    }
}
