using System.Net;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.TestSupport;

/// <summary>
/// What both test projects' hosts share (compiled into each: tests/Shared is linked by their project files):
/// the settings of a test instance, creating staff users, and sending a request through the real mediator.
/// </summary>
public static class TestHost
{
    public const string Password = "Test-Passw0rd-123";

    /// <summary>An app of its own in <paramref name="directory"/>: SQLite file, mail pickup folder; 2FA off, rate limits high.</summary>
    public static Dictionary<string, string?> Settings(string directory) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "app.db")}",
        ["Database:SeedDemoData"] = "false",
        ["Security:RequireTwoFactor"] = "false",
        ["RateLimiting:ReferralPermitLimit"] = "100000",
        ["RateLimiting:ReferralWindowSeconds"] = "60",
        ["Email:PickupDirectory"] = Path.Combine(directory, "mail"),
        ["Outbox:PollIntervalSeconds"] = "1",
    };

    /// <summary>
    /// Creates member of staff number <paramref name="n"/> in the given roles (password: <see cref="Password"/>).
    /// A coordinator is assigned to every programme, as an intake coordinator is; use
    /// <see cref="CreateCoordinatorAsync"/> for narrower assignments.
    /// </summary>
    public static async Task<StaffUser> CreateStaffUserAsync(IServiceProvider services, int n, params string[] roles)
    {
        var user = await CreateUserAsync(services, n, roles);
        if (roles.Contains(Roles.Coordinator))
        {
            await AssignAsync(services, user, everyProgramme: true);
        }
        return user;
    }

    /// <summary>A coordinator assigned to the given programmes (by code) and hubs (by code) only.</summary>
    public static async Task<StaffUser> CreateCoordinatorAsync(IServiceProvider services, int n, string[] programmeCodes, string[]? hubCodes = null)
    {
        var user = await CreateUserAsync(services, n, [Roles.Coordinator]);
        await AssignAsync(services, user, everyProgramme: false, programmeCodes, hubCodes ?? []);
        return user;
    }

    private static async Task AssignAsync(IServiceProvider services, StaffUser user, bool everyProgramme, string[]? programmeCodes = null, string[]? hubCodes = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var programmes = await db.Programmes.Include(p => p.Hubs).ToListAsync();
        foreach (var programme in programmes.Where(p => everyProgramme || (programmeCodes ?? []).Contains(p.Code)))
        {
            db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, ProgrammeId = programme.Id });
        }
        foreach (var hub in programmes.SelectMany(p => p.Hubs).Where(h => (hubCodes ?? []).Contains(h.Code)))
        {
            db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, ProgrammeId = hub.ProgrammeId, HubId = hub.Id });
        }
        await db.SaveChangesAsync();
    }

    private static async Task<StaffUser> CreateUserAsync(IServiceProvider services, int n, string[] roles)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{string.Join("-", roles).ToLowerInvariant()}{n}@staff.test";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {string.Join(" ", roles)} {n}" };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            var added = await users.AddToRoleAsync(user, role);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        }
        return user;
    }

    /// <summary>
    /// Sends a request through the real mediator pipeline (validation, logging) as the given user, or anonymously
    /// as the public form does: handlers read who and from where through IHttpContextAccessor.
    /// </summary>
    public static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, IRequest<TResponse> request, StaffUser? asUser = null, string[]? roles = null)
    {
        using var scope = services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        if (asUser is not null)
        {
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, asUser.Id), new(ClaimTypes.Name, asUser.UserName!) };
            claims.AddRange((roles ?? []).Select(r => new Claim(ClaimTypes.Role, r)));
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
        }
        accessor.HttpContext = context;
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
