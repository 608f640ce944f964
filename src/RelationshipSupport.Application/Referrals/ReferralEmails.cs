using System.Text;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Referrals;

/// <summary>
/// The acknowledgement emails a referral causes. They carry the reference, what happens next and
/// where to get help; never the difficulty, screening answers or any other clinical detail.
/// </summary>
public static class ReferralEmails
{
    public sealed record Mail(string Kind, string To, string Subject, string Body);

    public const string AcknowledgementKind = "referral-acknowledgement";
    public const string ReferrerAcknowledgementKind = "referral-acknowledgement-referrer";

    /// <summary>Whether the person who filled in the form is sent an acknowledgement (what the confirmation page may promise).</summary>
    public static bool AcknowledgesSubmitter(ReferralRoute route, ScreeningAnswer domesticAbuse, string? primaryEmail, string? referrerEmail) =>
        route == ReferralRoute.Professional ? referrerEmail is not null : primaryEmail is not null && domesticAbuse == ScreeningAnswer.No;

    public static IEnumerable<Mail> Acknowledgements(Referral referral, ProgrammeInfo programme, HubInfo? hub)
    {
        var primary = referral.People.Single(p => p.Role == PersonRole.Primary);
        if (referral.Route == ReferralRoute.Professional)
        {
            if (referral.ReferrerEmail is { } referrer)
            {
                yield return new Mail(ReferrerAcknowledgementKind, referrer, $"Referral received: {referral.Reference}",
                    Body($"Dear {referral.ReferrerName},",
                        $"Thank you for your referral to {programme.Name}. Its reference is {referral.Reference}: please quote it if you contact us.",
                        programme, hub));
            }
            // A household where abuse may be present is not emailed: the referrer and the coordinator make contact safely.
            if (primary.Email is { } parent && referral.DomesticAbuse == ScreeningAnswer.No && primary.PreferredContact == PreferredContact.Email)
            {
                yield return new Mail(AcknowledgementKind, parent, $"Your referral: {referral.Reference}",
                    Body($"Dear {primary.FirstName},",
                        $"A professional has referred you to {programme.Name}, with your agreement. Your reference is {referral.Reference}.",
                        programme, hub));
            }
        }
        // Someone who may be living with abuse is not emailed either: their reference is on screen, and a
        // coordinator makes contact at the times they said are safe.
        else if (primary.Email is { } self && referral.DomesticAbuse == ScreeningAnswer.No)
        {
            yield return new Mail(AcknowledgementKind, self, $"Your referral: {referral.Reference}",
                Body($"Dear {primary.FirstName},",
                    $"Thank you for contacting {programme.Name}. Your reference is {referral.Reference}: please quote it if you contact us.",
                    programme, hub));
        }
    }

    private static string Body(string greeting, string opening, ProgrammeInfo programme, HubInfo? hub)
    {
        var b = new StringBuilder();
        b.AppendLine(greeting).AppendLine();
        b.AppendLine(opening).AppendLine();
        b.AppendLine("What happens next").AppendLine(programme.WhatHappensNext).AppendLine();
        if (hub is not null)
        {
            b.AppendLine($"Your Staff Wellbeing Hub: {hub.Name}");
            b.AppendLine($"Email {hub.Email}, phone {hub.Phone}.").AppendLine();
        }
        b.AppendLine($"Contact us: {programme.ContactEmail}, {programme.ContactPhone}.").AppendLine();
        b.AppendLine("If you need help now");
        foreach (var c in SupportContacts.Crisis)
        {
            b.AppendLine($"- {c.Name}: {c.HowToReach}. {c.WhenToUse}");
        }
        b.AppendLine().AppendLine("This email was sent automatically. Please do not reply with personal or medical details.");
        return b.ToString();
    }
}
