namespace RelationshipSupport.Domain.Outcomes;

/// <summary>
/// The questionnaires every installation has, from instruments.md, stored as the same JSON an administrator uploads.
/// The reference-data seeder adds each as version 1 when it is missing; a later change to a built-in is a new version.
/// </summary>
public static class BuiltInInstruments
{
    public const string Core10 = "CORE-10";
    public const string CoreRisk = "CORE-RISK";
    public const string Csi4 = "CSI-4";
    public const string Argument = "ARGUMENT";
    public const string Satisfaction = "SATISFACTION";
    public const string NetPromoter = "NPS";
    public const string Phq9 = "PHQ-9";
    public const string Gad7 = "GAD-7";

    public static IReadOnlyList<string> Codes { get; } = [Core10, CoreRisk, Csi4, Argument, Satisfaction, NetPromoter, Phq9, Gad7];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(() =>
        Codes.ToDictionary(c => c, Read, StringComparer.OrdinalIgnoreCase));

    /// <summary>The definition file's text, exactly as shipped.</summary>
    public static string Json(string code) => Files.Value[code];

    public static InstrumentDefinition Definition(string code) => InstrumentDefinition.Parse(Json(code));

    private static string Read(string code)
    {
        using var stream = typeof(BuiltInInstruments).Assembly.GetManifestResourceStream($"BuiltIn.{code}.json")
            ?? throw new InvalidOperationException($"The built-in definition {code} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
