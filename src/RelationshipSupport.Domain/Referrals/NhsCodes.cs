namespace RelationshipSupport.Domain.Referrals;

/// <summary>NHS Data Dictionary "Ethnic Category" (2001 census) codes.</summary>
public static class EthnicCategory
{
    public const string NotStated = "Z";

    public static readonly IReadOnlyList<(string Code, string Group, string Label)> All =
    [
        ("A", "White", "British"),
        ("B", "White", "Irish"),
        ("C", "White", "Any other White background"),
        ("D", "Mixed", "White and Black Caribbean"),
        ("E", "Mixed", "White and Black African"),
        ("F", "Mixed", "White and Asian"),
        ("G", "Mixed", "Any other mixed background"),
        ("H", "Asian or Asian British", "Indian"),
        ("J", "Asian or Asian British", "Pakistani"),
        ("K", "Asian or Asian British", "Bangladeshi"),
        ("L", "Asian or Asian British", "Any other Asian background"),
        ("M", "Black or Black British", "Caribbean"),
        ("N", "Black or Black British", "African"),
        ("P", "Black or Black British", "Any other Black background"),
        ("R", "Other ethnic groups", "Chinese"),
        ("S", "Other ethnic groups", "Any other ethnic group"),
        (NotStated, "Not stated", "Prefer not to say"),
    ];

    public static bool IsValid(string? code) => code is null || All.Any(e => e.Code == code);

    public static string Describe(string? code) =>
        code is null ? "Not recorded" : All.FirstOrDefault(e => e.Code == code) is var e && e.Code is not null ? $"{e.Group}: {e.Label}" : code;
}

/// <summary>NHS Data Dictionary "Gender Identity Code".</summary>
public static class GenderIdentity
{
    public const string NotStated = "Z";

    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        ("1", "Male (including trans man)"),
        ("2", "Female (including trans woman)"),
        ("3", "Non-binary"),
        ("4", "Other (not listed)"),
        (NotStated, "Prefer not to say"),
    ];

    public static bool IsValid(string? code) => code is null || All.Any(g => g.Code == code);

    public static string Describe(string? code) =>
        code is null ? "Not recorded" : All.FirstOrDefault(g => g.Code == code) is var g && g.Code is not null ? g.Label : code;
}
