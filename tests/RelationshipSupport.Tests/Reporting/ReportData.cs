using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Outcomes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// A small service with hand-workable figures, for the report tests: three couples in the NHS staff programme in
/// November 2026 (the test clock's month), intake questionnaires for five people and end questionnaires for four,
/// case b's partner declining evaluation. The expected figures are worked out in <see cref="ReportFiguresTests"/>.
/// </summary>
public static class ReportData
{
    public static async Task<(string A, string B, string C)> ThreeCouplesAsync(TestApp app)
    {
        var therapist = await CaseData.TherapistAsync(app);
        var a = await CaseData.InTherapyAsync(app, therapist);
        var b = await CaseData.InTherapyAsync(app, therapist);
        var c = await CaseData.InTherapyAsync(app, therapist);
        foreach (var reference in new[] { a, b, c })
        {
            // Everyone consented to evaluation except case b's partner.
            await CaseData.WithCaseAsync(app, reference, (referral, _) =>
                referral.People.ForEach(p => p.ConsentToEvaluation = reference != b || p.Role == PersonRole.Primary));
        }
        foreach (var reference in new[] { a, b, c })
        {
            await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.Intake, sendLinks: false);
        }
        await CompleteAsync(app, a, PersonRole.Primary, Timepoint.Intake, core10: 3, csi4: 2);
        await CompleteAsync(app, a, PersonRole.Partner, Timepoint.Intake, core10: 2, csi4: 2);
        await CompleteAsync(app, b, PersonRole.Primary, Timepoint.Intake, core10: 2, csi4: 3);
        await CompleteAsync(app, b, PersonRole.Partner, Timepoint.Intake, core10: 4, csi4: 0);
        await CompleteAsync(app, c, PersonRole.Primary, Timepoint.Intake, core10: 1, csi4: 4);

        app.Clock.Advance(TimeSpan.FromDays(20));
        foreach (var reference in new[] { a, b })
        {
            await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.End, sendLinks: false);
        }
        await CompleteAsync(app, a, PersonRole.Primary, Timepoint.End, core10: 1, csi4: 4, recommend: 10, comment: "It helped us listen.", mayQuote: true);
        await CompleteAsync(app, a, PersonRole.Partner, Timepoint.End, core10: 0, csi4: 4, recommend: 9, comment: "Private thoughts.", mayQuote: false);
        await CompleteAsync(app, b, PersonRole.Primary, Timepoint.End, core10: 2, csi4: 3, recommend: 6);
        await CompleteAsync(app, b, PersonRole.Partner, Timepoint.End, core10: 0, csi4: 5, recommend: 0, comment: "Declined evaluation.", mayQuote: true);

        return (a, b, c);
    }

    /// <summary>Enters one client's questionnaires: every CORE-10 item <paramref name="core10"/>, every CSI-4 item <paramref name="csi4"/>, risk items 0.</summary>
    private static async Task CompleteAsync(TestApp app, string reference, PersonRole role, Timepoint timepoint, int core10, int csi4,
        int? recommend = null, string? comment = null, bool mayQuote = false)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Instrument)
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .SingleAsync(q => q.Timepoint == timepoint
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference)));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var response in request.Responses)
        {
            var value = response.InstrumentCode switch
            {
                BuiltInInstruments.Core10 => core10,
                BuiltInInstruments.Csi4 => csi4,
                BuiltInInstruments.NetPromoter => recommend ?? 8,
                _ => 0,
            };
            request.SaveAnswers(response, response.Definition.Items.ToDictionary(i => i.Number, _ => value), now);
        }
        if (timepoint == Timepoint.End)
        {
            request.SaveFeedback(comment, mayQuote);
        }
        request.Complete(CompletionMode.EnteredByTherapist, new Actor("t", "Therapist"), now);
        await db.SaveChangesAsync();
    }
}
