using System.Text;
using RelationshipSupport.Application.Signposting;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Ending;

/// <summary>
/// The emails an ending may cause. To the clients: that their time with the programme has ended and the services
/// chosen for them, with crisis contacts; no names, no reason, nothing clinical. To the professional referrer (only
/// when the referral says they may be updated): the attendance counts and whether the ending was planned; nothing
/// clinical either.
/// </summary>
public static class EndingEmails
{
    public const string ClientKind = "case-ended-signposting";
    public const string ReferrerKind = "case-ended-referrer-summary";

    public sealed record Mail(string Kind, string To, string Subject, string Body);

    /// <summary>The clients who may be emailed: the case's rule (<see cref="Referral.AgreedToEmail"/>), as for session emails.</summary>
    public static IEnumerable<ReferralPerson> EmailableClients(Referral referral) =>
        referral.People.Where(referral.AgreedToEmail).OrderBy(p => p.Role);

    public static bool MayTellReferrer(Referral referral) => referral.ReferrerMayBeUpdated && !string.IsNullOrWhiteSpace(referral.ReferrerEmail);

    public sealed record Attendance(int Offered, int Attended, int DidNotAttend, int Cancelled);

    public static Attendance CountAttendance(Referral referral) => new(
        referral.Sessions.Count,
        referral.Sessions.Count(s => s.Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late),
        referral.Sessions.Count(s => s.Attendance == AttendanceOutcome.DidNotAttend),
        referral.Sessions.Count(s => s.IsCancelled));

    public static Mail ToClient(string to, string reference, Programme programme, IReadOnlyList<GetSignposting.Entry> services)
    {
        var b = new StringBuilder();
        b.AppendLine("Hello,").AppendLine();
        b.AppendLine($"Your time with {programme.Name} (reference {reference}) has now come to an end. Thank you for working with us.").AppendLine();
        if (services.Count > 0)
        {
            b.AppendLine("Services that may help you from here");
            foreach (var s in services)
            {
                var how = string.Join(", ", new[] { s.Phone is null ? null : $"phone {s.Phone}", s.Email is null ? null : $"email {s.Email}", s.Website }
                    .Where(x => !string.IsNullOrWhiteSpace(x)));
                b.AppendLine($"- {s.Name} ({s.Area}){(how.Length == 0 ? "" : ": " + how)}. {s.WhenToUse}");
            }
            b.AppendLine();
        }
        b.AppendLine($"If you would like to contact us: {programme.ContactEmail}, {programme.ContactPhone}. Please quote your reference.").AppendLine();
        b.AppendLine("If you need help now");
        foreach (var c in SupportContacts.Crisis)
        {
            b.AppendLine($"- {c.Name}: {c.HowToReach}. {c.WhenToUse}");
        }
        b.AppendLine().AppendLine("This email was sent automatically. Please do not reply with personal or medical details.");
        return new Mail(ClientKind, to, $"Your time with {programme.Name}: {reference}", b.ToString());
    }

    public static Mail ToReferrer(Referral referral, Programme programme, EndingKind kind, Attendance a)
    {
        var b = new StringBuilder();
        b.AppendLine(string.IsNullOrWhiteSpace(referral.ReferrerName) ? "Hello," : $"Dear {referral.ReferrerName},").AppendLine();
        b.AppendLine($"The work with the family you referred to {programme.Name} (reference {referral.Reference}) has ended. "
            + "You agreed with them that we would let you know; this is a summary of attendance only.").AppendLine();
        b.AppendLine($"Ending: {(kind == EndingKind.Planned ? "planned" : "unplanned")}");
        b.AppendLine($"Sessions offered: {a.Offered}");
        b.AppendLine($"Sessions attended: {a.Attended}");
        b.AppendLine($"Sessions not attended: {a.DidNotAttend}");
        b.AppendLine($"Sessions cancelled: {a.Cancelled}").AppendLine();
        b.AppendLine($"To discuss this, contact us: {programme.ContactEmail}, {programme.ContactPhone}, quoting the reference.").AppendLine();
        b.AppendLine("This email was sent automatically. Please do not reply with personal or clinical details.");
        return new Mail(ReferrerKind, referral.ReferrerEmail!, $"End of work: {referral.Reference}", b.ToString());
    }
}
