using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>The staff accounts, by name, 25 a page, optionally of one role and active or deactivated only.</summary>
public static class ListUsers
{
    public const int PageSize = 25;

    public enum StatusFilter
    {
        Active = 1,
        Deactivated = 2,
    }

    public sealed class Query : IRequest<Result>
    {
        public string? Role { get; set; }
        public StatusFilter? Status { get; set; }
        public int PageNumber { get; set; } = 1;
    }

    public sealed record Row(
        string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut,
        bool TwoFactorEnabled, bool HasPassword, string? SupervisorName = null);

    public sealed record Result(IReadOnlyList<Row> Rows, int TotalCount, int PageNumber)
    {
        public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
        public int FirstRowNumber => TotalCount == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
        public int LastRowNumber => Math.Min(TotalCount, PageNumber * PageSize);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Role).Must(r => string.IsNullOrEmpty(r) || Roles.All.Contains(r)).WithMessage("Select a role from the list");
            RuleFor(q => q.Status).IsInEnum().WithMessage("Select active or deactivated");
            RuleFor(q => q.PageNumber).GreaterThan(0).WithMessage("Page number must be 1 or more");
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            IQueryable<StaffUser> users = db.Users.AsNoTracking();
            if (!string.IsNullOrEmpty(request.Role))
            {
                var roleId = await db.Roles.Where(r => r.Name == request.Role).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
                users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
            }
            users = request.Status switch
            {
                StatusFilter.Active => users.Where(u => u.IsActive),
                StatusFilter.Deactivated => users.Where(u => !u.IsActive),
                _ => users,
            };

            var total = await users.CountAsync(cancellationToken);
            var pageNumber = Math.Min(request.PageNumber, Math.Max(1, (total + PageSize - 1) / PageSize));
            var page = await users
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ThenBy(u => u.Id)
                .Skip((pageNumber - 1) * PageSize).Take(PageSize)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsActive, u.LockoutEnd, u.TwoFactorEnabled, HasPassword = u.PasswordHash != null, u.SupervisorUserId })
                .ToListAsync(cancellationToken);

            var ids = page.Select(u => u.Id).ToList();
            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
            var supervisorIds = page.Select(u => u.SupervisorUserId).OfType<string>().Distinct().ToList();
            var supervisorNames = await db.Users.AsNoTracking().Where(u => supervisorIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.IsActive ? u.DisplayName : u.DisplayName + " (deactivated)", cancellationToken);
            // Lockout ends are compared here, not in SQL: SQLite cannot order DateTimeOffset values.
            var now = clock.GetUtcNow();
            var rows = page.Select(u => new Row(
                u.Id, u.DisplayName, u.Email ?? "",
                UserAdministration.Normalise(roles.Where(r => r.UserId == u.Id).Select(r => r.Name!)),
                u.IsActive, u.LockoutEnd > now, u.TwoFactorEnabled, u.HasPassword,
                u.SupervisorUserId is { } s ? supervisorNames.GetValueOrDefault(s) : null)).ToList();
            return new Result(rows, total, pageNumber);
        }
    }
}
