using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationshipSupport.LoadBench;

/// <summary>Which part of the run a form belongs to; written into the referral (Primary.JobRole) as a marker.</summary>
internal enum Phase
{
    Warmup,
    Measured,
    Duplicate,
}

/// <summary>
/// What the bench posts: the valid self-referral answers of the test suite's ReferralFormData.SelfReferral(),
/// with a marker and unique names per form, and the fast regexes that read the pages.
/// </summary>
internal static partial class ReferralForm
{
    /// <summary>Primary.Employer of every referral the bench sends.</summary>
    public const string MarkerEmployer = "LoadBench";

    public const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    /// <summary>The answers that do not change between forms. "a|b" posts the field twice (a checkbox and its hidden false).</summary>
    private static readonly KeyValuePair<string, string>[] Fixed = Expand(new Dictionary<string, string>
    {
        ["Input.ClientType"] = "Couple",
        ["Input.Primary.DateOfBirth.Day"] = "14",
        ["Input.Primary.DateOfBirth.Month"] = "2",
        ["Input.Primary.DateOfBirth.Year"] = "1986",
        ["Input.Primary.Phone"] = "07700 900982",
        ["Input.Primary.PreferredContact"] = "Email",
        ["Input.Primary.SafeContactTimes"] = "Weekdays after 7pm",
        ["Input.Primary.MayLeaveMessages"] = "true",
        ["Input.Primary.EthnicCategory"] = "A",
        ["Input.Primary.GenderIdentity"] = "2",
        ["Input.HubCode"] = "nel-hub",
        ["Input.ReferredByHub"] = "false",
        ["Input.Partner.FirstName"] = "Jordan",
        ["Input.Partner.LastName"] = "Testperson",
        ["Input.PartnerAgrees"] = "true|false",
        ["Input.Difficulty"] = "We argue about shifts and childcare and have stopped talking.",
        ["Input.CounsellingKinds"] = "Relationship",
        ["Input.Availability"] = "WeekdayEvenings|Weekends",
        ["Input.Format"] = "Online",
        ["Input.DomesticAbuse"] = "No",
        ["Input.SevereMentalIllness"] = "No",
        ["Input.SubstanceMisuse"] = "No",
        ["Input.ConsentToService"] = "true|false",
        ["Input.ConsentToEvaluation"] = "true|false",
    });

    /// <summary>Primary.JobRole of a referral sent in <paramref name="phase"/> of run <paramref name="runId"/>.</summary>
    public static string Marker(string runId, Phase phase) => $"lb-{runId}-{phase.ToString().ToLowerInvariant()}";

    public static string MarkerPrefix(string runId) => $"lb-{runId}-";

    /// <summary>The whole form body: token and submission id from the page, unique names, the marker.</summary>
    public static List<KeyValuePair<string, string>> Fields(string token, string submissionId, string runId, int client, long sequence, Phase phase)
    {
        var seq = sequence.ToString(CultureInfo.InvariantCulture);
        var cli = client.ToString(CultureInfo.InvariantCulture);
        var fields = new List<KeyValuePair<string, string>>(Fixed.Length + 9)
        {
            new("__RequestVerificationToken", token),
            new("Input.SubmissionId", submissionId),
            new("Website", ""),
            new("Input.Primary.FirstName", $"Bench{cli}n{seq}"),
            new("Input.Primary.LastName", $"Run{runId}"),
            new("Input.Primary.Email", $"lb.{runId}.{cli}.{seq}@example.com"),
            new("Input.Primary.Employer", MarkerEmployer),
            new("Input.Primary.JobRole", Marker(runId, phase)),
        };
        fields.AddRange(Fixed);
        return fields;
    }

    private static KeyValuePair<string, string>[] Expand(Dictionary<string, string> answers) =>
        [.. answers.SelectMany(a => a.Value.Split('|').Select(v => new KeyValuePair<string, string>(a.Key, v)))];

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*?\svalue="(?<v>[^"]+)""", RegexOptions.CultureInvariant)]
    public static partial Regex Token();

    [GeneratedRegex("""name="Input\.SubmissionId"[^>]*?\svalue="(?<v>[0-9a-fA-F-]{36})""", RegexOptions.CultureInvariant)]
    public static partial Regex SubmissionId();

    [GeneratedRegex("""data-testid="reference"[^>]*>\s*(?<v>RS-[0-9A-Z]{4}-[0-9A-Z]{4})\s*<""", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    /// <summary>The first message of the error summary, when a POST re-shows the form: for diagnosing the bench itself.</summary>
    [GeneratedRegex("""nhsuk-error-summary__list.*?<a[^>]*>(?<v>[^<]+)</a>""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    public static partial Regex FirstError();

    public static string? Find(Regex regex, string html)
    {
        var m = regex.Match(html);
        return m.Success ? m.Groups["v"].Value : null;
    }
}
