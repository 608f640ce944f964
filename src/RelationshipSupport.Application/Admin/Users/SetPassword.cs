using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>
/// An invited member of staff (not signed in) sets their password with the link from their invitation. The link's
/// token is Identity's password-reset token: it stops working once used (the security stamp changes), when it
/// expires, or when the account is deactivated. Setting the password confirms the email address.
/// </summary>
public static class SetPassword
{
    public const string InvalidLinkMessage =
        "This link to set a password is not valid. It may have expired or been used already. Ask an administrator to send you a new invitation.";

    /// <summary>Whether the link still works (checked when the page is shown, without using it up).</summary>
    public sealed record Query(string? UserId, string? Token) : IRequest<bool>;

    public sealed class Command : IRequest<Unit>
    {
        public string? UserId { get; set; }
        public string? Token { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    /// <summary>The link is unknown, expired, used or for a deactivated account; the message is for the user.</summary>
    public sealed class InvalidLinkException : DomainException
    {
        public InvalidLinkException() : base(InvalidLinkMessage) { }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a new password");
            RuleFor(c => c.ConfirmPassword).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the new password again to confirm it")
                .Must((c, v) => string.IsNullOrEmpty(c.Password) || v == c.Password).WithMessage("The passwords do not match");
        }
    }

    internal static async Task<StaffUser?> FindValidAsync(AppDbContext db, UserManager<StaffUser> users, string? userId, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)) return null;
        var staff = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (staff is null || !staff.IsActive) return null;
        var valid = await users.VerifyUserTokenAsync(staff, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, token);
        return valid ? staff : null;
    }

    internal sealed class QueryHandler(AppDbContext db, UserManager<StaffUser> users) : IRequestHandler<Query, bool>
    {
        public async Task<bool> Handle(Query request, CancellationToken cancellationToken) =>
            await FindValidAsync(db, users, request.UserId, request.Token, cancellationToken) is not null;
    }

    internal sealed class Handler(AppDbContext db, IAuditQueue auditQueue, UserManager<StaffUser> users, ICurrentUser current, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var staff = await FindValidAsync(db, users, request.UserId, request.Token, cancellationToken) ?? throw new InvalidLinkException();
            try
            {
                // Added before ResetPasswordAsync, whose one save commits them with the new password hash and security stamp.
                staff.EmailConfirmed = true;
                new AuditLog(db, auditQueue, new TheAccountItself(staff.Id, current), clock)
                    .Record(AuditActions.UserPasswordSet, UserAdministration.EntityType, staff.Id, staff.PasswordHash is null ? "invitation" : "reset");
                var result = await users.ResetPasswordAsync(staff, request.Token!, request.Password!);
                if (result.Succeeded) return Unit.Value;

                db.ChangeTracker.Clear();
                if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                {
                    throw new InvalidLinkException();
                }
                if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
                {
                    throw new ConcurrencyConflictException();
                }
                throw new ValidationFailedException(result.Errors.Select(e => (nameof(Command.Password), e.Description)).ToList());
            }
            catch (Exception ex) when (ex is not ValidationFailedException and not InvalidLinkException and not ConcurrencyConflictException)
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    /// <summary>Nobody is signed in: the entry is written as the account whose password was set, from the request's address.</summary>
    private sealed class TheAccountItself(string userId, ICurrentUser request) : ICurrentUser
    {
        public string? UserId => userId;
        public string? UserName => null;
        public bool IsInRole(string role) => false;
        public string? IpAddress => request.IpAddress;
        public string? CorrelationId => request.CorrelationId;
    }
}
