using System.Globalization;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Outcomes;

/// <summary>
/// Completes a client's questionnaires, online or entered by a therapist, the same way: scores them, raises a
/// high-risk alert for each area a risk answer touches (the supervisor and the therapists are emailed at once,
/// with no clinical detail) and audits it. The caller saves, then signals the outbox.
/// </summary>
public sealed class QuestionnaireCompletion(RiskAlertNotifier riskAlerts, AuditLog audit)
{
    /// <summary>Who completes an online questionnaire: the client, who has no staff account.</summary>
    public static readonly Actor Client = new("client", "the client (online questionnaire)");

    public async Task<IReadOnlyList<RiskFlag>> CompleteAsync(
        QuestionnaireRequest request, Referral referral, CompletionMode mode, Actor? enteredBy, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var flags = request.Complete(mode, enteredBy, nowUtc);
        foreach (var area in flags.GroupBy(f => f.Area))
        {
            var notes = "Questionnaire answers: " + string.Join("; ", area.Select(f =>
                $"{f.InstrumentCode} item {f.ItemNumber.ToString(CultureInfo.InvariantCulture)} “{f.ItemText}”: {AnswerLabel(request, f)}"));
            await riskAlerts.RaiseAsync(referral, RiskAlertSource.Questionnaire, request.Id, area.Key, RiskLevel.High, notes,
                enteredBy ?? Client, nowUtc, cancellationToken, alsoTellTherapists: true);
        }
        audit.Record(
            mode == CompletionMode.Online ? AuditActions.QuestionnaireCompleted : AuditActions.QuestionnaireEntered,
            "Referral", referral.Reference,
            $"request={request.Id.ToString(CultureInfo.InvariantCulture)}; timepoint={request.Timepoint}; "
            + $"instruments={string.Join(",", request.Responses.Select(r => r.InstrumentCode))}; risk-flags={flags.Count.ToString(CultureInfo.InvariantCulture)}");
        return flags;
    }

    private static string AnswerLabel(QuestionnaireRequest request, RiskFlag flag)
    {
        var definition = request.Responses.First(r => r.InstrumentCode == flag.InstrumentCode).Definition;
        var option = definition.OptionsFor(definition.Item(flag.ItemNumber)).First(o => o.Value == flag.Answer);
        return $"{option.Label} ({flag.Answer.ToString(CultureInfo.InvariantCulture)})";
    }
}
