using Microsoft.AspNetCore.Identity;

namespace RelationshipSupport.Application.Identity;

/// <summary>A member of the service's staff who signs in. Never deleted: deactivated, so their audit trail stays.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
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
