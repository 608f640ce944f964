namespace RelationshipSupport.Domain.Outcomes;

/// <summary>
/// One stored version of a questionnaire definition. Never edited: a change is a new row with the next version,
/// and answers keep pointing at the version they were given under, so they always score the same way.
/// </summary>
public class Instrument
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The definition exactly as uploaded or shipped (docs/instrument-definitions.md).</summary>
    public string DefinitionJson { get; set; } = "";
    public bool IsBuiltIn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>A retired instrument is not offered for new questionnaires; its answers stay.</summary>
    public bool IsRetired { get; set; }

    private InstrumentDefinition? definition;

    public InstrumentDefinition Definition => definition ??= InstrumentDefinition.Parse(DefinitionJson);

    /// <summary>A stored version from a definition that passed <see cref="InstrumentDefinitionRules"/>.</summary>
    public static Instrument From(InstrumentDefinition definition, string json, int version, bool builtIn, string createdBy, DateTime nowUtc)
    {
        var problems = InstrumentDefinitionRules.Problems(definition);
        if (problems.Count > 0)
        {
            throw new DomainException($"The definition has {problems.Count} problem(s): {string.Join(" ", problems)}");
        }
        return new Instrument
        {
            Code = definition.Code,
            Version = version,
            Name = definition.Name,
            DefinitionJson = json,
            IsBuiltIn = builtIn,
            CreatedAtUtc = nowUtc,
            CreatedByName = createdBy,
        };
    }
}

/// <summary>When in a case a questionnaire is given.</summary>
public enum Timepoint
{
    Intake = 1,
    EverySession = 2,
    End = 3,
    FollowUp = 4,
}

/// <summary>A programme gives this instrument (by code, latest version) at this timepoint, to each client separately.</summary>
public class ProgrammeInstrument
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public Timepoint Timepoint { get; set; }
    public int SortOrder { get; set; }
}
