using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>
/// An administrator invites a member of staff: the account is created without a password (email not confirmed) in the
/// roles chosen, and an email with a link to set a password is queued in the same unit of work. An address that
/// already has an account is not invited again (the result says so); the same form sent twice creates one account.
/// </summary>
public static class InviteUser
{
    public const int MaxNameLength = 200;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>Generated when the form is shown, so a double submission is recognised.</summary>
        public Guid SubmissionId { get; set; }
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public List<string> Roles { get; set; } = [];
    }

    /// <param name="UserId">The account invited, or the one that already had the address.</param>
    /// <param name="AlreadyHadAccount">True when nothing was created because the address already had an account.</param>
    public sealed record Result(string UserId, bool AlreadyHadAccount);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.DisplayName).RequiredText("Enter their full name", "Full name", MaxNameLength);
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter their email address")
                .Email("their email address");
            RuleFor(c => c.Roles).Cascade(CascadeMode.Stop)
                .Must(r => r.Count > 0).WithMessage("Select at least one role")
                .Must(r => r.All(x => Identity.Roles.All.Contains(x))).WithMessage("Select roles from the list");
        }
    }

    internal sealed class Handler(
        AppDbContext db, UserManager<StaffUser> users, ICurrentUser user, AuditLog audit, Outbox outbox, IOutboxSignal signal,
        IOptions<AppOptions> app) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var email = request.Email!.Trim();
            if (await ExistingAsync(email, request.SubmissionId, cancellationToken) is { } existing)
            {
                return existing;
            }

            var invited = new StaffUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = false,
                DisplayName = request.DisplayName!.Trim(),
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            invited.NormalizedEmail = users.NormalizeEmail(email);
            invited.NormalizedUserName = users.NormalizeName(email);
            var errors = new List<(string, string)>();
            foreach (var validator in users.UserValidators)
            {
                var result = await validator.ValidateAsync(users, invited);
                errors.AddRange(result.Errors.Select(e => (nameof(Command.Email), e.Description)));
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var roles = UserAdministration.Normalise(request.Roles);
            try
            {
                // Built by hand rather than with UserManager.CreateAsync and AddToRoleAsync, which save after each
                // step: the account, its roles, the email and the audit entry commit together or not at all.
                db.Users.Add(invited);
                await UserAdministration.SetRolesAsync(db, invited, roles, cancellationToken);
                var (subject, body) = await UserInvitations.BuildAsync(users, app.Value, invited);
                outbox.Enqueue(UserInvitations.Kind, email, subject, body);
                audit.Record(AuditActions.UserInvited, UserAdministration.EntityType, invited.Id,
                    $"roles={UserAdministration.RoleList(roles)}; submission={request.SubmissionId}");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same address invited at the same moment by another request: the unique user name index refused this one.
                db.ChangeTracker.Clear();
                return await ExistingAsync(email, request.SubmissionId, cancellationToken) ?? throw new InvalidOperationException("The account could not be created.");
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            signal.Notify();
            return new Result(invited.Id, false);
        }

        private async Task<Result?> ExistingAsync(string email, Guid submissionId, CancellationToken ct)
        {
            var normalised = users.NormalizeEmail(email);
            var id = await db.Users.Where(u => u.NormalizedEmail == normalised || u.NormalizedUserName == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (id is null) return null;
            // This very form sent twice (a double click): the first submission's account is the answer, not a refusal.
            var marker = $"submission={submissionId}";
            var sameSubmission = await db.AuditEntries.AnyAsync(a =>
                a.EntityType == UserAdministration.EntityType && a.EntityId == id && a.Action == AuditActions.UserInvited
                && a.Detail != null && a.Detail.EndsWith(marker), ct);
            return new Result(id, AlreadyHadAccount: !sameSubmission);
        }
    }
}
