using System.Text;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Closure;

/// <summary>
/// The letter (and email) telling a person their referral was closed because they could not be reached: their
/// first name, the reference and how to get back in touch; never the difficulty or any clinical detail.
/// </summary>
public static class NoResponseLetter
{
    public const string EmailKind = "referral-closed-no-response";

    public sealed record Letter(string Subject, string Body);

    public static Letter For(string firstName, string reference, Programme programme)
    {
        var b = new StringBuilder();
        b.AppendLine($"Dear {firstName},").AppendLine();
        b.AppendLine($"Thank you for your referral to {programme.Name} (reference {reference}). We have tried to contact you several times but have not been able to reach you, so we have closed your referral for now.");
        b.AppendLine();
        b.AppendLine("If you would still like support, please get in touch and quote your reference. You are welcome to be referred again at any time.");
        b.AppendLine($"Contact us: {programme.ContactEmail}, {programme.ContactPhone}.").AppendLine();
        b.AppendLine("If you need help now");
        foreach (var c in SupportContacts.Crisis)
        {
            b.AppendLine($"- {c.Name}: {c.HowToReach}. {c.WhenToUse}");
        }
        return new Letter($"Your referral {reference} has been closed", b.ToString());
    }

    /// <summary>
    /// The person is emailed only as the acknowledgement would be: they gave an email address and answered "no" to the
    /// domestic abuse question (and, when a professional referred them, prefer email). Otherwise the letter is printed
    /// or the coordinator makes contact safely.
    /// </summary>
    public static string? SafeEmailAddress(Referral referral)
    {
        var primary = referral.People.Single(p => p.Role == PersonRole.Primary);
        if (primary.Email is null || referral.DomesticAbuse != ScreeningAnswer.No) return null;
        if (referral.Route == ReferralRoute.Professional && primary.PreferredContact != PreferredContact.Email) return null;
        return primary.Email;
    }
}
