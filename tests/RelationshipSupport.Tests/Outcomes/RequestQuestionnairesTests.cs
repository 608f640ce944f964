using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Outcomes;

public sealed class RequestQuestionnairesTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Each_client_gets_their_own_request_and_link_with_the_programmes_intake_instruments_and_asking_again_adds_nothing()
    {
        var (reference, therapist) = await OutcomeData.EmailableCaseAsync(app);

        var first = await OutcomeData.RequestAsync(app, reference, therapist);
        var again = await OutcomeData.RequestAsync(app, reference, therapist);

        Assert.Equal((2, 2, 0), (first.Created, first.LinksSent, first.AlreadyAsked));
        Assert.Equal((0, 0, 2), (again.Created, again.LinksSent, again.AlreadyAsked));
        var requests = await app.QueryDbAsync(db => db.QuestionnaireRequests
            .Where(q => db.Referrals.Any(r => r.Id == q.ReferralId && r.Reference == reference))
            .Include(q => q.Responses).ToListAsync());
        Assert.Equal(2, requests.Select(r => r.PersonId).Distinct().Count());
        Assert.All(requests, r => Assert.Equal(
            [BuiltInInstruments.Core10, BuiltInInstruments.CoreRisk, BuiltInInstruments.Csi4],
            r.Responses.OrderBy(x => x.SortOrder).Select(x => x.InstrumentCode)));
        var primaryToken = await OutcomeData.TokenSentToAsync(app, OutcomeData.EmailOf(reference, PersonRole.Primary));
        var partnerToken = await OutcomeData.TokenSentToAsync(app, OutcomeData.EmailOf(reference, PersonRole.Partner));
        Assert.NotEqual(primaryToken, partnerToken);
        // Only the hash is stored: the token itself is nowhere in the request table.
        Assert.All(requests, r => Assert.NotEqual(primaryToken, r.TokenHash));
        Assert.Contains(requests, r => r.TokenHash == QuestionnaireRequest.HashToken(primaryToken));
    }
}
