using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.TagHelpers;

/// <summary>The option lists the forms show, in plain English.</summary>
public static class Choices
{
    public static readonly IReadOnlyList<Choice> YesNo = [new("true", "Yes"), new("false", "No")];

    public static readonly IReadOnlyList<Choice> ScreeningAnswers =
        [new(nameof(ScreeningAnswer.No), "No"), new(nameof(ScreeningAnswer.Yes), "Yes"), new(nameof(ScreeningAnswer.NotSure), "Not sure")];

    public static readonly IReadOnlyList<Choice> PreferredContacts =
        [new(nameof(PreferredContact.Phone), "Phone call"), new(nameof(PreferredContact.Text), "Text message"), new(nameof(PreferredContact.Email), "Email")];

    public static readonly IReadOnlyList<Choice> CounsellingKinds =
    [
        new(nameof(Domain.Referrals.CounsellingKinds.Relationship), "Relationship counselling", "For difficulties between partners."),
        new(nameof(Domain.Referrals.CounsellingKinds.Psychosexual), "Psychosexual counselling", "For sexual difficulties in a relationship."),
        new(nameof(Domain.Referrals.CounsellingKinds.Family), "Family counselling", "For difficulties that involve other family members."),
        new(nameof(Domain.Referrals.CounsellingKinds.CoParenting), "Help with parenting together", "For parents, together or separated, whose conflict affects their children."),
    ];

    public static readonly IReadOnlyList<Choice> Availabilities =
    [
        new(nameof(Availability.WeekdayMornings), "Weekday mornings"),
        new(nameof(Availability.WeekdayAfternoons), "Weekday afternoons"),
        new(nameof(Availability.WeekdayEvenings), "Weekday evenings", "Sessions until 8pm."),
        new(nameof(Availability.Weekends), "Weekends"),
    ];

    public static readonly IReadOnlyList<Choice> Formats =
    [
        new(nameof(SessionFormat.Online), "Online (video call)"),
        new(nameof(SessionFormat.InPerson), "In person"),
        new(nameof(SessionFormat.NoPreference), "Either is fine"),
    ];

    public static readonly IReadOnlyList<Choice> ReferrerRoles =
    [
        new(nameof(ReferrerRole.SocialWorker), "Social worker"),
        new(nameof(ReferrerRole.EarlySupport), "Early Support or Early Help"),
        new(nameof(ReferrerRole.Camhs), "CAMHS"),
        new(nameof(ReferrerRole.School), "School"),
        new(nameof(ReferrerRole.GeneralPractice), "GP or practice staff"),
        new(nameof(ReferrerRole.Other), "Other"),
    ];

    public static readonly IReadOnlyList<Choice> ContactMethods =
        [new(nameof(ContactMethod.Phone), "Phone"), new(nameof(ContactMethod.Email), "Email"), new(nameof(ContactMethod.Text), "Text message"), new(nameof(ContactMethod.Letter), "Letter")];

    public static readonly IReadOnlyList<Choice> ContactOutcomes =
    [
        new(nameof(ContactOutcome.Spoke), "Spoke to the person"),
        new(nameof(ContactOutcome.NoAnswer), "No answer"),
        new(nameof(ContactOutcome.LeftMessage), "Left a message"),
        new(nameof(ContactOutcome.EmailSent), "Email or letter sent"),
        new(nameof(ContactOutcome.WrongNumber), "Wrong number or bounced"),
        new(nameof(ContactOutcome.Declined), "Person declined the service"),
    ];

    public static IReadOnlyList<Choice> EthnicCategories { get; } =
        EthnicCategory.All.Select(e => new Choice(e.Code, e.Label, Group: e.Group == "Not stated" ? null : e.Group)).ToList();

    public static IReadOnlyList<Choice> Genders { get; } = GenderIdentity.All.Select(g => new Choice(g.Code, g.Label)).ToList();
}
