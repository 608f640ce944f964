using Microsoft.AspNetCore.Identity;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Identity;

/// <summary>A member of the service's staff who signs in. Never deleted: deactivated, so their audit trail stays.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime? DeactivatedAtUtc { get; set; }

    /// <summary>Therapists: the organisation they work for (some services use therapists from partner organisations).</summary>
    public string? Organisation { get; set; }
    /// <summary>Therapists: how many open cases they can hold; null when not a therapist.</summary>
    public int? CaseCapacity { get; set; }
    /// <summary>Therapists: when they can see clients (evenings matter).</summary>
    public Availability Availability { get; set; }

    /// <summary>Therapists: the supervisor who signs off their assessments and sees their cases; null if none is set.</summary>
    public string? SupervisorUserId { get; set; }

    /// <summary>Coordinators: the programmes and hubs whose referrals they work.</summary>
    public List<StaffAssignment> Assignments { get; set; } = [];
}

/// <summary>
/// A coordinator's assignment: a whole programme (<see cref="HubId"/> null) or one hub of it. A coordinator sees the
/// referrals of their assignments only.
/// </summary>
public class StaffAssignment
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public int ProgrammeId { get; set; }
    public int? HubId { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Coordinator = nameof(Coordinator);
    public const string Therapist = nameof(Therapist);
    public const string Supervisor = nameof(Supervisor);
    public const string Manager = nameof(Manager);

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Therapist, Supervisor, Manager];
}
