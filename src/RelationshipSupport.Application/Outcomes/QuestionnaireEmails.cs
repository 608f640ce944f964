using System.Globalization;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Outcomes;

/// <summary>
/// The email that carries a client's private questionnaire link. It says who it is from and until when the link
/// works, and nothing clinical; it goes only to the client's own address.
/// </summary>
public static class QuestionnaireEmails
{
    public const string Kind = "questionnaire-link";

    public static void EnqueueLink(Outbox outbox, AppOptions app, ReferralPerson person, string programmeName, QuestionnaireRequest request, string token)
    {
        var until = UkTime.ToLocal(request.LinkExpiresAtUtc!.Value).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var link = app.Link($"/q/{token}");
        var what = request.Timepoint == Timepoint.End
            ? "Now that your sessions are ending, we would be grateful if you could fill in a few short questionnaires and tell us what you thought of the service."
            : "Before and during your sessions we ask everyone to fill in a few short questionnaires. They help you and your therapist see how things change.";
        outbox.Enqueue(Kind, person.Email!, $"Your questionnaire from {programmeName}",
            $"Dear {person.FirstName},\n\n{what}\n\n"
            + $"Your private link (please do not share it; it works until {until}):\n{link}\n\n"
            + "It takes about five minutes. You can stop and come back to it with the same link until you press Submit.\n\n"
            + "If you need help urgently, call NHS 111 (choose the mental health option) or Samaritans on 116 123, any time. In an emergency call 999.\n\n"
            + $"{programmeName}\n");
    }
}
