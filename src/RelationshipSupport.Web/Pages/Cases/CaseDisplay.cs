using System.Globalization;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Web.Pages.Cases;

/// <summary>How the caseload, overview and assessment pages word codes and show times (UK local time).</summary>
public static class CaseDisplay
{
    private static readonly CultureInfo Format = CultureInfo.InvariantCulture;

    public static string When(DateTime utc) => UkTime.ToLocal(utc).ToString("ddd d MMM yyyy, HH:mm", Format);

    public static string When(DateTime? utc, string none = "None booked") => utc is { } u ? When(u) : none;

    public static string Day(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMM yyyy", Format);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Format);

    public static string Sessions(int used, int min, int allowance) => $"{used} of {min}–{allowance}";

    public static string Kind(AssessmentKind kind) => kind == AssessmentKind.Joint ? "Joint assessment" : "Individual assessment";

    public static string Recommendation(AssessmentRecommendation? recommendation) => recommendation switch
    {
        AssessmentRecommendation.OfferTherapy => "Offer therapy",
        AssessmentRecommendation.ReferElsewhere => "Refer elsewhere",
        _ => "Not given",
    };

    public static string StatusTagClass(AssessmentStatus? status) => status switch
    {
        AssessmentStatus.SignedOff => "nhsuk-tag--green",
        AssessmentStatus.Submitted => "nhsuk-tag--blue",
        AssessmentStatus.Returned => "nhsuk-tag--orange",
        AssessmentStatus.Draft => "nhsuk-tag--grey",
        _ => "nhsuk-tag--white",
    };
}
