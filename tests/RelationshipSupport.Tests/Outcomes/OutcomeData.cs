using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>
/// Cases with questionnaires for the issue-5 tests, made through the real command; the client's link is read from
/// the email in the outbox, as the client would follow it.
/// </summary>
public static partial class OutcomeData
{
    /// <summary>A couple in therapy whose two clients agreed to email (their own addresses), and its therapist.</summary>
    public static async Task<(string Reference, StaffUser Therapist)> EmailableCaseAsync(TestApp app, StaffUser? supervisor = null)
    {
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, _) =>
        {
            foreach (var person in referral.People)
            {
                person.PreferredContact = PreferredContact.Email;
                person.Email = $"{person.Role.ToString().ToLowerInvariant()}.{referral.Reference.ToLowerInvariant()}@example.com";
            }
        });
        return (reference, therapist);
    }

    public static Task<RequestQuestionnaires.Result> RequestAsync(TestApp app, string reference, StaffUser therapist,
        Timepoint timepoint = Timepoint.Intake, bool sendLinks = true) =>
        app.SendAsync(new RequestQuestionnaires.Command { Reference = reference, Timepoint = timepoint, SendLinks = sendLinks },
            therapist, [Roles.Therapist]);

    /// <summary>
    /// The token in the newest questionnaire link emailed to <paramref name="to"/> (by the time it was queued: outbox ids
    /// are not in order, so a test that sends a second link to one address moves the clock first).
    /// </summary>
    public static Task<string> TokenSentToAsync(TestApp app, string to) => app.QueryDbAsync(async db =>
    {
        var bodies = await db.OutboxMessages
            .Where(m => m.Kind == QuestionnaireEmails.Kind && m.ToAddress == to)
            .OrderByDescending(m => m.CreatedAtUtc).Select(m => m.BodyText).ToListAsync();
        var body = bodies.FirstOrDefault() ?? throw new InvalidOperationException($"No questionnaire link was emailed to {to}.");
        return LinkPattern().Match(body).Groups[1].Value;
    });

    /// <summary>The primary client's (or partner's) email address on a case made by <see cref="EmailableCaseAsync"/>.</summary>
    public static string EmailOf(string reference, PersonRole role) =>
        $"{role.ToString().ToLowerInvariant()}.{reference.ToLowerInvariant()}@example.com";

    [GeneratedRegex(@"/q/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
