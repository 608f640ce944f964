using System.Globalization;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Import;

/// <summary>
/// How the import format's cells are read: dates, times, numbers, yes/no, and the words for each choice. Words are
/// compared without case, spaces, hyphens or underscores ("did not attend", "DidNotAttend", "did-not-attend").
/// </summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static DateOnly? Date(string? value) =>
        value is not null && DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static bool? YesNo(string? value) => Key(value) switch
    {
        "yes" or "y" or "true" or "1" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    public static int? Whole(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    /// <summary>Lower case, letters and digits only: what words are compared by.</summary>
    public static string Key(string? value) =>
        value is null ? "" : new string(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>An enumeration's value by its name (as the code writes it, compared by <see cref="Key"/>), or a word from <paramref name="aliases"/>.</summary>
    public static T? Choice<T>(string? value, params (string Word, T Value)[] aliases) where T : struct, Enum
    {
        var key = Key(value);
        if (key.Length == 0) return null;
        foreach (var (word, v) in aliases)
        {
            if (Key(word) == key) return v;
        }
        foreach (var v in Enum.GetValues<T>())
        {
            if (Key(v.ToString()) == key) return v;
        }
        return null;
    }

    /// <summary>The words accepted for an enumeration, for error messages.</summary>
    public static string Words<T>(params string[] words) where T : struct, Enum =>
        string.Join(", ", words.Length > 0 ? words : Enum.GetNames<T>());

    public static ReferralRoute? Route(string? v) => Choice(v,
        ("self", ReferralRoute.SelfReferral), ("self-referral", ReferralRoute.SelfReferral), ("web", ReferralRoute.SelfReferral),
        ("hub", ReferralRoute.StaffWellbeingHub), ("phone", ReferralRoute.Coordinator), ("email", ReferralRoute.Coordinator));

    public static AttendanceOutcome? Attendance(string? v) => Choice(v, ("dna", AttendanceOutcome.DidNotAttend));

    public static SessionMode? Mode(string? v) => Choice(v, ("in person", SessionMode.InPerson), ("face to face", SessionMode.InPerson), ("online", SessionMode.Video));

    public static SessionClients? AttendedBy(string? v) => Choice(v,
        ("1", SessionClients.PrimaryOnly), ("person 1", SessionClients.PrimaryOnly), ("primary", SessionClients.PrimaryOnly),
        ("2", SessionClients.PartnerOnly), ("person 2", SessionClients.PartnerOnly), ("partner", SessionClients.PartnerOnly));

    public static Timepoint? TimepointOf(string? v) => Choice(v, ("session", Timepoint.EverySession), ("follow up", Timepoint.FollowUp));
}
