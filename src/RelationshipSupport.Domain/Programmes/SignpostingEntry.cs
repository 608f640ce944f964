namespace RelationshipSupport.Domain.Programmes;

/// <summary>
/// A service people can be pointed to: at screening (when the programme is not right for them) and at the end
/// of therapy. Retired, never deleted: past signposting refers to it.
/// </summary>
public class SignpostingEntry
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public SignpostingKind Kind { get; set; }
    /// <summary>Where it serves ("National", "North East London" …).</summary>
    public string Area { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    /// <summary>When to use it, for staff choosing and for the person reading it.</summary>
    public string WhenToUse { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Changes on every save: an edit made from an older version is refused.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum SignpostingKind
{
    Crisis = 1,
    DomesticAbuse = 2,
    MentalHealth = 3,
    SubstanceMisuse = 4,
    Relationship = 5,
    Parenting = 6,
    StaffWellbeing = 7,
    MoneyAndLegal = 8,
    Other = 99,
}
