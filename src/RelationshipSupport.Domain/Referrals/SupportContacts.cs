namespace RelationshipSupport.Domain.Referrals;

/// <summary>Crisis and specialist contacts shown to people who refer, and when a referral indicates risk.</summary>
public static class SupportContacts
{
    public sealed record Contact(string Name, string HowToReach, string WhenToUse);

    public static readonly IReadOnlyList<Contact> Crisis =
    [
        new("Emergency services", "Call 999", "If you or someone else is in immediate danger or has been seriously hurt."),
        new("NHS 111", "Call 111 and choose the mental health option", "For urgent mental health help, 24 hours a day."),
        new("Samaritans", "Call 116 123 (free, 24 hours)", "If you need to talk to someone right now."),
        new("Shout", "Text SHOUT to 85258", "If you would rather text than talk."),
    ];

    public static readonly IReadOnlyList<Contact> DomesticAbuse =
    [
        new("National Domestic Abuse Helpline", "Call 0808 2000 247 (free, 24 hours)", "If you are experiencing domestic abuse or coercive control."),
        new("Men's Advice Line", "Call 0808 8010 327", "For men experiencing domestic abuse."),
        new("Respect Phoneline", "Call 0808 8024 040", "If you are worried about your own behaviour towards a partner."),
    ];

    public static readonly IReadOnlyList<Contact> MentalHealth =
    [
        new("Your GP", "Contact your GP surgery", "For ongoing mental health support and referral to specialist services."),
        new("NHS Talking Therapies", "Refer yourself online through the NHS website", "For anxiety, depression and stress."),
    ];

    public static readonly IReadOnlyList<Contact> Substances =
    [
        new("FRANK", "Call 0300 123 6600", "Confidential advice about drugs and alcohol."),
        new("Drinkline", "Call 0300 123 1110", "If you are worried about your own or someone else's drinking."),
    ];
}
