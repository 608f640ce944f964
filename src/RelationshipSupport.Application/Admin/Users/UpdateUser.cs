using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>
/// An administrator changes a member of staff's name, roles, therapist details and coordinator assignments. The form
/// carries the account's concurrency stamp: a change made meanwhile by someone else is refused with
/// <see cref="ConcurrencyConflictException"/>, unless the form asks for exactly what is already stored (a double
/// submission), which succeeds without a change. Administrators cannot remove their own Administrator role. A
/// therapist's supervisor (<see cref="StaffUser.SupervisorUserId"/>) is another active user with the Supervisor role.
/// </summary>
public static class UpdateUser
{
    public const int MaxOrganisationLength = 200;
    public const int MaxCaseCapacity = 50;

    public sealed class Command : IRequest<Result>
    {
        /// <summary>From the URL, never bound from the form.</summary>
        public string? UserId { get; set; }

        /// <summary>The version of the account the administrator saw (a hidden field).</summary>
        public string? ConcurrencyStamp { get; set; }

        public string? DisplayName { get; set; }
        public List<string> Roles { get; set; } = [];

        /// <summary>Whether the form showed the therapist fields (it does when the account was a therapist): only then are they changed.</summary>
        public bool TherapistFieldsIncluded { get; set; }
        public string? Organisation { get; set; }
        /// <summary>Typed text, so a mistyped number gets a clear message.</summary>
        public string? CaseCapacity { get; set; }
        public List<Availability> Availability { get; set; } = [];
        /// <summary>The therapist's supervisor (an active user with the Supervisor role); empty for none.</summary>
        public string? SupervisorUserId { get; set; }

        /// <summary>Whether the form showed the coordinator assignments: only then are they changed.</summary>
        public bool AssignmentsIncluded { get; set; }
        /// <summary>Programmes assigned as a whole.</summary>
        public List<int> ProgrammeIds { get; set; } = [];
        /// <summary>Single hubs assigned.</summary>
        public List<int> HubIds { get; set; } = [];

        internal bool IsTherapist => Roles.Contains(Identity.Roles.Therapist);
        internal bool IsCoordinator => Roles.Contains(Identity.Roles.Coordinator);

        internal int? Capacity() =>
            int.TryParse(CaseCapacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public sealed record Result(bool Changed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty().WithMessage("The account was not found: go back to the list of users and open it again");
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form has expired: reload the page and try again");
            RuleFor(c => c.DisplayName).RequiredText("Enter their full name", "Full name", InviteUser.MaxNameLength);
            RuleFor(c => c.Roles).Cascade(CascadeMode.Stop)
                .Must(r => r.Count > 0).WithMessage("Select at least one role. To stop someone signing in, deactivate their account instead")
                .Must(r => r.All(x => Identity.Roles.All.Contains(x))).WithMessage("Select roles from the list");
            When(c => c.TherapistFieldsIncluded && c.IsTherapist, () =>
            {
                RuleFor(c => c.Organisation).OptionalText("Organisation", MaxOrganisationLength);
                RuleFor(c => c.CaseCapacity).Cascade(CascadeMode.Stop)
                    .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter how many cases they can hold, from 0 to 50")
                    .Must((c, _) => c.Capacity() is not null).WithMessage("Case capacity must be a whole number, like 12")
                    .Must((c, _) => c.Capacity() <= MaxCaseCapacity).WithMessage("Case capacity must be between 0 and 50");
                RuleForEach(c => c.Availability).IsInEnum().WithMessage("Select when they can see clients from the list");
                RuleFor(c => c.SupervisorUserId).Must((c, s) => string.IsNullOrEmpty(s) || s != c.UserId)
                    .WithMessage("A therapist cannot be their own supervisor: select someone else, or none");
            });
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var staff = await UserAdministration.LoadAsync(db, request.UserId, cancellationToken);
            var roles = UserAdministration.Normalise(request.Roles);
            if (staff.Id == user.UserId && !roles.Contains(Roles.Administrator))
            {
                throw new DomainException("You cannot remove your own Administrator role. Ask another administrator if it should be removed.");
            }

            var supervisorId = request.TherapistFieldsIncluded && request.IsTherapist
                ? await SupervisorToSetAsync(staff, request.SupervisorUserId, cancellationToken)
                : staff.SupervisorUserId;

            try
            {
                var before = UserAdministration.Normalise(await UserAdministration.RoleNamesAsync(db, staff.Id, cancellationToken));
                var rolesChanged = await UserAdministration.SetRolesAsync(db, staff, roles, cancellationToken);

                var profileChanged = false;
                var name = request.DisplayName!.Trim();
                if (staff.DisplayName != name)
                {
                    staff.DisplayName = name;
                    profileChanged = true;
                }
                if (request.TherapistFieldsIncluded && request.IsTherapist)
                {
                    var organisation = string.IsNullOrWhiteSpace(request.Organisation) ? null : request.Organisation.Trim();
                    var capacity = request.Capacity();
                    var availability = request.Availability.Aggregate(Availability.None, (all, a) => all | a);
                    if (staff.Organisation != organisation || staff.CaseCapacity != capacity || staff.Availability != availability)
                    {
                        staff.Organisation = organisation;
                        staff.CaseCapacity = capacity;
                        staff.Availability = availability;
                        profileChanged = true;
                    }
                }

                var supervisorChanged = staff.SupervisorUserId != supervisorId;
                if (supervisorChanged)
                {
                    staff.SupervisorUserId = supervisorId;
                }

                var assignmentsChanged = await SetAssignmentsAsync(staff.Id, request, cancellationToken);

                if (!rolesChanged && !profileChanged && !supervisorChanged && assignmentsChanged is null)
                {
                    // Nothing to change: the form repeats what is stored (sent twice, or saved without edits).
                    db.ChangeTracker.Clear();
                    return new Result(false);
                }

                UserAdministration.Touch(db, staff, request.ConcurrencyStamp);
                if (profileChanged || supervisorChanged)
                {
                    audit.Record(AuditActions.UserUpdated, UserAdministration.EntityType, staff.Id,
                        supervisorChanged ? (profileChanged ? "details changed; supervisor changed" : "supervisor changed") : null);
                }
                if (rolesChanged)
                {
                    audit.Record(AuditActions.UserRolesChanged, UserAdministration.EntityType, staff.Id,
                        $"roles={UserAdministration.RoleList(roles)}; was={UserAdministration.RoleList(before)}");
                }
                if (assignmentsChanged is not null)
                {
                    audit.Record(AuditActions.UserAssignmentsChanged, UserAdministration.EntityType, staff.Id, assignmentsChanged);
                }
                await db.SaveChangesAsync(cancellationToken);
                return new Result(true);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }

        /// <summary>
        /// The supervisor the form asks for (null for none). A new choice must be another active user with the Supervisor
        /// role; the one already stored is kept as it is even if they have since left the role, so saving other details
        /// loses nothing.
        /// </summary>
        private async Task<string?> SupervisorToSetAsync(StaffUser staff, string? requested, CancellationToken ct)
        {
            var wanted = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
            if (wanted is null || wanted == staff.SupervisorUserId)
            {
                return wanted;
            }
            if (wanted == staff.Id)
            {
                throw new ValidationFailedException(nameof(Command.SupervisorUserId), "A therapist cannot be their own supervisor: select someone else, or none");
            }
            var isSupervisor = await db.Users.AnyAsync(u => u.Id == wanted && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Supervisor)), ct);
            if (!isSupervisor)
            {
                throw new ValidationFailedException(nameof(Command.SupervisorUserId), "Select a supervisor from the list: only active staff with the Supervisor role can supervise");
            }
            return wanted;
        }

        /// <summary>
        /// Brings the coordinator's assignments to what the form asked for (none when they are no longer a coordinator).
        /// Returns the audit detail when something changed, otherwise null.
        /// </summary>
        private async Task<string?> SetAssignmentsAsync(string userId, Command request, CancellationToken ct)
        {
            var current = await db.StaffAssignments.Where(a => a.UserId == userId).ToListAsync(ct);
            List<(int ProgrammeId, int? HubId)> wanted;
            if (!request.IsCoordinator)
            {
                wanted = [];
            }
            else if (request.AssignmentsIncluded)
            {
                var programmes = await db.Programmes.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
                var hubs = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ProgrammeId }).ToListAsync(ct);
                wanted = request.ProgrammeIds.Distinct().Where(programmes.Contains).Select(p => (p, (int?)null))
                    .Concat(hubs.Where(h => request.HubIds.Contains(h.Id)).Select(h => (h.ProgrammeId, (int?)h.Id)))
                    .ToList();
            }
            else
            {
                return null;
            }

            var removed = current.Where(c => !wanted.Contains((c.ProgrammeId, c.HubId))).ToList();
            var added = wanted.Where(w => !current.Any(c => c.ProgrammeId == w.ProgrammeId && c.HubId == w.HubId)).ToList();
            if (removed.Count == 0 && added.Count == 0) return null;
            db.StaffAssignments.RemoveRange(removed);
            db.StaffAssignments.AddRange(added.Select(a => new StaffAssignment { UserId = userId, ProgrammeId = a.ProgrammeId, HubId = a.HubId }));
            return $"programmes={string.Join(',', wanted.Where(w => w.HubId is null).Select(w => w.ProgrammeId).Order())}; "
                + $"hubs={string.Join(',', wanted.Where(w => w.HubId is not null).Select(w => w.HubId!.Value).Order())}";
        }
    }
}
