using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Sessions;

/// <summary>
/// What clients are told about a session: an invitation when it is scheduled, a reminder the day before, and the
/// iCalendar (.ics) file. Only people who gave an email address and chose email as their way of contact are emailed,
/// and nobody in a referral where domestic abuse was answered "yes" or "not sure" (the rule of the acknowledgements in
/// <see cref="Referrals.ReferralEmails"/>): the therapist makes contact safely instead. No names beyond the greeting's
/// first name, no clinical detail.
/// </summary>
public static class SessionEmails
{
    public const string InvitationKind = "session-invitation";
    public const string ReminderKind = "session-reminder";

    /// <summary>Whether <paramref name="person"/> may be emailed about sessions.</summary>
    public static bool MayEmail(Referral referral, ReferralPerson person) => referral.AgreedToEmail(person);

    /// <summary>The people a session is for.</summary>
    public static IEnumerable<ReferralPerson> Expected(Referral referral, SessionClients clients) => referral.People
        .Where(p => clients == SessionClients.Both
            || (clients == SessionClients.PrimaryOnly && p.Role == PersonRole.Primary)
            || (clients == SessionClients.PartnerOnly && p.Role == PersonRole.Partner))
        .OrderBy(p => p.Role);

    /// <summary>The expected people who may be emailed.</summary>
    public static IReadOnlyList<ReferralPerson> Recipients(Referral referral, TherapySession session) =>
        Expected(referral, session.ClientsExpected).Where(p => MayEmail(referral, p)).ToList();

    public static string When(TherapySession session)
    {
        var local = UkTime.ToLocal(session.StartsAtUtc);
        return $"{local:dddd d MMMM yyyy} at {local:HH:mm} (UK time), for {session.Minutes} minutes";
    }

    public static string Where(TherapySession session) => session.Mode switch
    {
        SessionMode.InPerson => $"In person at {session.Venue}",
        SessionMode.Video => "By video: a video link will be sent by your therapist",
        SessionMode.Phone => "By phone: your therapist will call you",
        _ => CaseText.Describe(session.Mode),
    };

    public static (string Subject, string Body) Invitation(string serviceName, string firstName, TherapySession session) => (
        $"Your {serviceName} session: {UkTime.ToLocal(session.StartsAtUtc):d MMMM} at {UkTime.ToLocal(session.StartsAtUtc):HH:mm}",
        Body(firstName, $"A session with {serviceName} has been booked for you.", session, serviceName));

    public static (string Subject, string Body) Reminder(string serviceName, string firstName, TherapySession session) => (
        $"Reminder: your {serviceName} session tomorrow at {UkTime.ToLocal(session.StartsAtUtc):HH:mm}",
        Body(firstName, $"This is a reminder of your session with {serviceName} tomorrow.", session, serviceName));

    private static string Body(string firstName, string opening, TherapySession session, string serviceName)
    {
        var b = new StringBuilder();
        b.AppendLine($"Dear {firstName},").AppendLine();
        b.AppendLine(opening).AppendLine();
        b.AppendLine($"When: {When(session)}");
        b.AppendLine($"How: {Where(session)}").AppendLine();
        b.AppendLine("The attached calendar file (session.ics) adds it to your calendar.");
        b.AppendLine($"If you cannot come, please tell {serviceName} as soon as you can.").AppendLine();
        b.AppendLine("This email was sent automatically. Please do not reply with personal or medical details.");
        return b.ToString();
    }

    /// <summary>
    /// The session as an iCalendar invitation (times in UTC). No names and no clinical detail. Its UID is the case's
    /// reference and the start time (a case's sessions never overlap), so it is the same before the session is saved
    /// (the emailed invitation) and after (the download).
    /// </summary>
    public static string Ics(string serviceName, string reference, TherapySession session)
    {
        var calendar = new Calendar { ProductId = "-//Relationship Support//Sessions//EN" };
        calendar.AddProperty("METHOD", "PUBLISH");
        var start = DateTime.SpecifyKind(session.StartsAtUtc, DateTimeKind.Utc);
        var e = new CalendarEvent
        {
            Uid = $"session-{reference}-{session.StartsAtUtc:yyyyMMdd'T'HHmm}@relationship-support",
            Summary = $"{serviceName} session",
            Description = $"{Where(session)}.",
            Location = session.Mode == SessionMode.InPerson ? session.Venue : CaseText.Describe(session.Mode),
            DtStart = new CalDateTime(start),
            DtEnd = new CalDateTime(start.AddMinutes(session.Minutes)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(session.CreatedAtUtc, DateTimeKind.Utc)),
        };
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
