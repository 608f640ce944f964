namespace RelationshipSupport.Domain.Programmes;

/// <summary>A Staff Wellbeing Hub or other referral source (a local team that refers people and supports them afterwards).</summary>
public class Hub
{
    public HubKind Kind { get; set; } = HubKind.StaffWellbeingHub;

    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }

    /// <summary>Stable code (e.g. <c>nel-hub</c>).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? Website { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Changes on every save: an edit made from an older version is refused.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum HubKind
{
    StaffWellbeingHub = 1,
    LocalAuthority = 2,
    Health = 3,
    Education = 4,
    Other = 99,
}
