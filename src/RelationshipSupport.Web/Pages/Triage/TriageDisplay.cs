using RelationshipSupport.Domain;
using System.Globalization;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage;

/// <summary>How the triage pages word codes and show times (UK local time; the database holds UTC).</summary>
public static class TriageDisplay
{
    private static readonly CultureInfo Format = CultureInfo.InvariantCulture;

    public static string Date(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMM yyyy", Format);
    public static string Date(DateTime? utc) => utc is { } u ? Date(u) : "Not recorded";

    public static string DateTime(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMM yyyy, HH:mm", Format);

    public static string DateTime(DateTime? utc) => utc is { } u ? DateTime(u) : "None yet";

    /// <summary>"2 Nov 2026, 14:30" on one line when there is room, and the time under the date when there is not.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent WrappableDateTime(DateTime utc)
    {
        var text = DateTime(utc);
        var comma = text.LastIndexOf(", ", StringComparison.Ordinal);
        var b = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        if (comma < 0) return b.Append(text);
        return b.AppendHtml("<span class=\"rs-nowrap\">").Append(text[..(comma + 1)]).AppendHtml("</span> <span class=\"rs-nowrap\">")
            .Append(text[(comma + 2)..]).AppendHtml("</span>");
    }

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Format) ?? "Not given";

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    public static string Status(ReferralStatus status) => ReferralWorkflow.Describe(status);

    /// <summary>A closure reason to follow a colon ("Not suitable on 3 Nov 2026: an exclusion criterion applies").</summary>
    public static string ClosureReason(ClosureReason reason) => reason == Domain.Referrals.ClosureReason.Other
        ? "another reason"
        : char.ToLowerInvariant(ScreeningRules.Describe(reason)[0]) + ScreeningRules.Describe(reason)[1..];

    public static string ScreeningOutcome(ScreeningOutcome outcome) => outcome switch
    {
        Domain.Referrals.ScreeningOutcome.Accept => "accepted",
        Domain.Referrals.ScreeningOutcome.NotSuitable => "not suitable",
        Domain.Referrals.ScreeningOutcome.ReferToSupervisor => "referred to a supervisor",
        _ => outcome.ToString(),
    };

    public static IReadOnlyList<Choice> Statuses { get; } =
        Enum.GetValues<ReferralStatus>().Select(s => new Choice(s.ToString(), Status(s))).ToList();

    public static string Route(ReferralRoute route) => route switch
    {
        ReferralRoute.SelfReferral => "Self-referral",
        ReferralRoute.Professional => "Professional referral",
        ReferralRoute.Coordinator => "Entered by a coordinator",
        ReferralRoute.StaffWellbeingHub => "Suggested by a Staff Wellbeing Hub",
        _ => route.ToString(),
    };

    public static string ClientType(ClientType type) => type == Domain.Referrals.ClientType.Couple ? "Couple" : "Individual";

    public static string SessionFormat(SessionFormat format) => Label(Choices.Formats, format);

    public static string Method(ContactMethod method) => Label(Choices.ContactMethods, method);

    public static string Outcome(ContactOutcome outcome) => Label(Choices.ContactOutcomes, outcome);

    public static string PreferredContact(PreferredContact contact) => Label(Choices.PreferredContacts, contact);

    public static string Screening(ScreeningAnswer answer) => Label(Choices.ScreeningAnswers, answer);

    public static string ReferrerRole(ReferrerRole? role, string? other) =>
        role == Domain.Referrals.ReferrerRole.Other ? other ?? "Other" : role is { } r ? Label(Choices.ReferrerRoles, r) : "Not given";

    public static string Kinds(CounsellingKinds kinds) => Flags(Choices.CounsellingKinds, kinds);

    public static string Availability(Availability availability) => Flags(Choices.Availabilities, availability);

    public static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Label<T>(IEnumerable<Choice> choices, T value) where T : struct, Enum =>
        choices.FirstOrDefault(c => c.Value == value.ToString())?.Label ?? value.ToString();

    private static string Flags<T>(IEnumerable<Choice> choices, T value) where T : struct, Enum
    {
        var labels = choices.Where(c => Enum.TryParse<T>(c.Value, out var flag) && value.HasFlag(flag)).Select(c => c.Label).ToList();
        return labels.Count == 0 ? "None selected" : string.Join(", ", labels);
    }
}
