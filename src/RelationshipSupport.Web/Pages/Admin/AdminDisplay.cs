using System.Globalization;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Admin;

/// <summary>Labels and option lists of the settings pages, in plain English.</summary>
public static class AdminDisplay
{
    public const string SuccessKey = "admin.success";

    public static readonly IReadOnlyList<Choice> Routes =
    [
        new(nameof(ReferralRoute.SelfReferral), "People referring themselves", "The public form at /refer."),
        new(nameof(ReferralRoute.Professional), "Professionals referring a family", "The public form at /refer/professional."),
    ];

    public static readonly IReadOnlyList<Choice> ReportStyles =
    [
        new(nameof(ReportStyle.Hee), "Health Education England (HEE)"),
        new(nameof(ReportStyle.Dwp), "Department for Work and Pensions (DWP)"),
    ];

    public static readonly IReadOnlyList<Choice> CriterionKinds =
    [
        new(nameof(CriterionKind.Inclusion), "Inclusion criterion", "Someone referred should meet it."),
        new(nameof(CriterionKind.Exclusion), "Exclusion criterion", "Someone referred should not meet it."),
    ];

    public static readonly IReadOnlyList<Choice> HubKinds =
        Enum.GetValues<HubKind>().Select(k => new Choice(k.ToString(), HubKind(k))).ToList();

    public static readonly IReadOnlyList<Choice> SignpostingKinds =
        Enum.GetValues<SignpostingKind>().Select(k => new Choice(k.ToString(), SignpostingKind(k))).ToList();

    public static string HubKind(HubKind kind) => kind switch
    {
        Domain.Programmes.HubKind.StaffWellbeingHub => "Staff wellbeing hub",
        Domain.Programmes.HubKind.LocalAuthority => "Local authority",
        Domain.Programmes.HubKind.Health => "Health",
        Domain.Programmes.HubKind.Education => "Education",
        _ => "Other",
    };

    public static string SignpostingKind(SignpostingKind kind) => kind switch
    {
        Domain.Programmes.SignpostingKind.Crisis => "Crisis",
        Domain.Programmes.SignpostingKind.DomesticAbuse => "Domestic abuse",
        Domain.Programmes.SignpostingKind.MentalHealth => "Mental health",
        Domain.Programmes.SignpostingKind.SubstanceMisuse => "Drugs and alcohol",
        Domain.Programmes.SignpostingKind.Relationship => "Relationships",
        Domain.Programmes.SignpostingKind.Parenting => "Parenting",
        Domain.Programmes.SignpostingKind.StaffWellbeing => "Staff wellbeing",
        Domain.Programmes.SignpostingKind.MoneyAndLegal => "Money and legal",
        _ => "Other",
    };

    public static string RouteSummary(bool self, bool professional) => (self, professional) switch
    {
        (true, true) => "Self and professional referrals",
        (true, false) => "Self-referrals",
        (false, true) => "Professional referrals",
        _ => "No referral routes",
    };

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "Not set";
}
