using System.Text;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The emails a screening outcome causes. Like <see cref="ReferralEmails"/>, they carry the reference, the outcome in
/// neutral words and where to get help; never the reason, the criteria, the difficulty or any other clinical detail.
/// </summary>
public static class OutcomeEmails
{
    public const string NotSuitableKind = "referral-not-suitable";
    public const string ReferrerNotSuitableKind = "referral-not-suitable-referrer";

    /// <summary>
    /// Whether the person may be emailed: the same rule as the acknowledgement (someone who may be living with abuse
    /// is never emailed; a professionally referred parent only when email is how they asked to be contacted).
    /// </summary>
    public static bool MayEmailPerson(Referral referral)
    {
        var primary = referral.People.Single(p => p.Role == PersonRole.Primary);
        if (primary.Email is null || referral.DomesticAbuse != ScreeningAnswer.No) return false;
        return referral.Route != ReferralRoute.Professional || primary.PreferredContact == PreferredContact.Email;
    }

    public static IEnumerable<ReferralEmails.Mail> NotSuitable(Referral referral, Programme programme, IReadOnlyList<SignpostingChoice> services)
    {
        var primary = referral.People.Single(p => p.Role == PersonRole.Primary);
        if (MayEmailPerson(referral))
        {
            yield return new ReferralEmails.Mail(NotSuitableKind, primary.Email!, $"About your referral: {referral.Reference}",
                PersonBody(primary.FirstName, referral.Reference, programme.Name, programme.ContactEmail, programme.ContactPhone, services));
        }
        if (referral.ReferrerEmail is { } referrer)
        {
            yield return new ReferralEmails.Mail(ReferrerNotSuitableKind, referrer, $"Outcome of your referral: {referral.Reference}",
                ReferrerBody(referral.ReferrerName, referral.Reference, programme.Name, programme.ContactEmail, programme.ContactPhone, services));
        }
    }

    /// <summary>The person's email (also the preview staff see before confirming).</summary>
    public static string PersonBody(string firstName, string reference, string programmeName, string contactEmail, string contactPhone,
        IReadOnlyList<SignpostingChoice> services)
    {
        var b = new StringBuilder();
        b.AppendLine($"Dear {firstName},").AppendLine();
        b.AppendLine($"Thank you for your referral to {programmeName} (reference {reference}).").AppendLine();
        b.AppendLine("We have looked at it carefully and we are sorry that we cannot offer you a place on this programme. "
            + "Each programme is designed for a particular group of people and kind of difficulty, and we think other services are better placed to help you.")
            .AppendLine();
        Services(b, services, "Services that may help");
        b.AppendLine($"If you would like to talk about this decision, contact us: {contactEmail}, {contactPhone}. Please quote your reference.").AppendLine();
        Crisis(b);
        b.AppendLine().AppendLine("This email was sent automatically. Please do not reply with personal or medical details.");
        return b.ToString();
    }

    public static string ReferrerBody(string? referrerName, string reference, string programmeName, string contactEmail, string contactPhone,
        IReadOnlyList<SignpostingChoice> services)
    {
        var b = new StringBuilder();
        b.AppendLine(string.IsNullOrWhiteSpace(referrerName) ? "Hello," : $"Dear {referrerName},").AppendLine();
        b.AppendLine($"Thank you for your referral to {programmeName} (reference {reference}).").AppendLine();
        b.AppendLine("Outcome: the referral has been reviewed and the programme is not able to offer the family a place.").AppendLine();
        Services(b, services, "Services we have suggested");
        b.AppendLine($"To discuss the outcome, contact us: {contactEmail}, {contactPhone}, quoting the reference.").AppendLine();
        b.AppendLine("This email was sent automatically. Please do not reply with personal or clinical details.");
        return b.ToString();
    }

    private static void Services(StringBuilder b, IReadOnlyList<SignpostingChoice> services, string heading)
    {
        if (services.Count == 0) return;
        b.AppendLine(heading);
        foreach (var s in services)
        {
            var how = string.Join(", ", new[] { s.Phone is null ? null : $"phone {s.Phone}", s.Email is null ? null : $"email {s.Email}", s.Website }
                .Where(x => !string.IsNullOrWhiteSpace(x)));
            b.AppendLine($"- {s.Name} ({s.Area}){(how.Length == 0 ? "" : ": " + how)}. {s.WhenToUse}");
        }
        b.AppendLine();
    }

    private static void Crisis(StringBuilder b)
    {
        b.AppendLine("If you need help now");
        foreach (var c in SupportContacts.Crisis)
        {
            b.AppendLine($"- {c.Name}: {c.HowToReach}. {c.WhenToUse}");
        }
    }
}
