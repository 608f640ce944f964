using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes.Online;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>
/// End questionnaires are often answered after the last session, when the case has ended and its allocations with
/// it: a risk answer must still reach the therapists who had the case and their supervisor, not every supervisor.
/// </summary>
public sealed class RiskAfterEndingTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_risk_answer_after_the_case_ended_reaches_its_therapist_and_their_supervisor()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var otherSupervisor = await app.CreateUserAsync(Roles.Supervisor);
        var (reference, therapist) = await OutcomeData.EmailableCaseAsync(app, supervisor);
        await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.End);
        await CaseData.WithCaseAsync(app, reference, (referral, now) =>
            referral.EndCase(EndingKind.Planned, EndingReason.Completed, null, [], new Actor(therapist.Id, therapist.DisplayName), now));
        var token = await OutcomeData.TokenSentToAsync(app, OutcomeData.EmailOf(reference, PersonRole.Primary));

        await app.SendAsync(new SaveClientAnswers.Command { Token = token, Step = 1, Answers = Enumerable.Range(1, 10).ToDictionary(i => i, i => i == 6 ? 2 : 1) });
        var result = await app.SendAsync(new SubmitClientQuestionnaire.Command { Token = token });

        Assert.Null(result.Refusal);
        Assert.Equal([RiskArea.SelfHarmSuicide], result.RiskAreas);
        var alert = await app.QueryDbAsync(db => db.RiskAlerts.SingleAsync(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference)));
        Assert.Equal(supervisor.Id, alert.SupervisorUserId);
        var told = await app.QueryDbAsync(db => db.OutboxMessages
            .Where(m => m.Kind == RiskAlertNotifier.EmailKind && m.BodyText.Contains(reference)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(new[] { therapist.Email!, supervisor.Email! }.Order(), told.Order());
        Assert.DoesNotContain(otherSupervisor.Email!, told);
    }
}
