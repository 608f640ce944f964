using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>
/// Sends a new invitation (a new set-password link) to an active account that has no password yet. An invitation
/// already queued for the account in the last two minutes is not repeated, so a double click sends one email.
/// </summary>
public static class ResendInvitation
{
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(2);

    public sealed record Command(string UserId) : IRequest<Result>;

    /// <param name="Sent">False when an invitation had just been queued, so no other was.</param>
    public sealed record Result(bool Sent);

    internal sealed class Handler(
        AppDbContext db, UserManager<StaffUser> users, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var invited = await UserAdministration.LoadAsync(db, request.UserId, cancellationToken);
            if (!invited.IsActive)
            {
                throw new DomainException("This account is deactivated: reactivate it before sending an invitation.");
            }
            if (invited.PasswordHash is not null)
            {
                throw new DomainException("They have already set a password, so there is no invitation to send.");
            }

            var since = clock.GetUtcNow().UtcDateTime - RepeatWindow;
            var recent = await db.AuditEntries.AnyAsync(a =>
                a.EntityType == UserAdministration.EntityType && a.EntityId == invited.Id && a.AtUtc >= since
                && (a.Action == AuditActions.UserInvitationResent || a.Action == AuditActions.UserInvited), cancellationToken);
            if (recent) return new Result(false);

            var (subject, body) = await UserInvitations.BuildAsync(users, app.Value, invited);
            outbox.Enqueue(UserInvitations.Kind, invited.Email!, subject, body);
            audit.Record(AuditActions.UserInvitationResent, UserAdministration.EntityType, invited.Id);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            return new Result(true);
        }
    }
}
