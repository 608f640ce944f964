using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

public sealed partial class DemoDataSeeder
{
    /// <summary>
    /// Questionnaires for the demo cases, through the domain's rules: every client of a case in therapy answered the
    /// programme's intake questionnaires when therapy was offered (some online, some on paper); clients of ended
    /// cases also answered the end ones, mostly better than at intake; on one case in therapy a partner's end-of-
    /// sessions link is out and overdue, so the caseload has something to flag. Risk items are answered 0 here: a
    /// risk answer raises an alert through the real completion path, which the demo's users can try themselves.
    /// </summary>
    private async Task AddQuestionnairesAsync(DateTime now, CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.ToListAsync(cancellationToken);
        var schedule = await db.ProgrammeInstruments.OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var cases = await db.Referrals.Include(r => r.People).Include(r => r.Allocations)
            .Where(r => r.TherapyOfferedAtUtc != null)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var random = new Random(20261202);
        var overdueMade = false;

        List<Instrument> Given(int programmeId, Timepoint timepoint) => schedule
            .Where(p => p.ProgrammeId == programmeId && p.Timepoint == timepoint)
            .Select(p => instruments.Where(i => i.Code == p.InstrumentCode).MaxBy(i => i.Version))
            .OfType<Instrument>().ToList();

        foreach (var referral in cases)
        {
            var therapistId = referral.CaseTherapists.OrderBy(a => a.Role).First().TherapistUserId;
            var therapist = new Actor(therapistId, (await users.FindByIdAsync(therapistId))?.DisplayName ?? "Therapist");
            var intakeAt = referral.TherapyOfferedAtUtc!.Value.AddHours(2);
            foreach (var person in referral.People)
            {
                // How distressed and how satisfied with the relationship this client is at intake, and how much better at the end.
                var distress = 0.25 + random.NextDouble() * 0.5;
                var satisfaction = 0.15 + random.NextDouble() * 0.5;
                var gain = random.NextDouble() * 0.35 - 0.05;
                var online = random.NextDouble() < 0.6;

                var intake = QuestionnaireRequest.Create(referral.Id, person.Id, Timepoint.Intake, null,
                    Given(referral.ProgrammeId, Timepoint.Intake), intakeAt.AddDays(7), therapist, intakeAt);
                Answer(intake, random, distress, satisfaction);
                intake.Complete(online ? CompletionMode.Online : CompletionMode.EnteredByTherapist, online ? null : therapist, intakeAt.AddDays(online ? 2 : 0));
                db.QuestionnaireRequests.Add(intake);

                var endAt = referral.ClosedAtUtc ?? now.AddDays(-12);
                var end = QuestionnaireRequest.Create(referral.Id, person.Id, Timepoint.End, null,
                    Given(referral.ProgrammeId, Timepoint.End), endAt.AddDays(7), therapist, endAt);
                if (referral.Status == ReferralStatus.Ended)
                {
                    Answer(end, random, Math.Max(0.05, distress - gain), Math.Min(0.95, satisfaction + gain));
                    end.SaveFeedback(random.NextDouble() < 0.7 ? Comments[random.Next(Comments.Length)] : null, mayQuote: random.NextDouble() < 0.8);
                    end.Complete(CompletionMode.Online, null, endAt.AddDays(1));
                    db.QuestionnaireRequests.Add(end);
                }
                else if (!overdueMade && referral.Status == ReferralStatus.InTherapy && person.Role == PersonRole.Partner && intakeAt < endAt.AddDays(-2))
                {
                    end.IssueLink(endAt, TimeSpan.FromDays(14));
                    db.QuestionnaireRequests.Add(end);
                    overdueMade = true;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Plausible answers: each item near the client's level, with noise; risk items 0.</summary>
    private static void Answer(QuestionnaireRequest request, Random random, double distress, double satisfaction)
    {
        foreach (var response in request.Responses)
        {
            var definition = response.Definition;
            var answers = new Dictionary<int, int>();
            foreach (var item in definition.Items)
            {
                var options = definition.OptionsFor(item);
                var (low, high) = (options.Min(o => o.Value), options.Max(o => o.Value));
                var level = definition.Code switch
                {
                    BuiltInInstruments.Csi4 => satisfaction,
                    BuiltInInstruments.Satisfaction => 0.1 + (1 - satisfaction) * 0.3,
                    BuiltInInstruments.NetPromoter => 0.6 + satisfaction * 0.4,
                    BuiltInInstruments.Argument => (1 - satisfaction) * 0.6,
                    _ => distress,
                };
                if (item.Risk is not null)
                {
                    answers[item.Number] = low;
                    continue;
                }
                var value = low + (high - low) * Math.Clamp(level + (random.NextDouble() - 0.5) * 0.35, 0, 1);
                var scored = (int)Math.Round(value);
                answers[item.Number] = item.Reverse ? low + high - scored : scored;
            }
            // Now and then a client skips one question (CORE-10 is then prorated).
            if (definition.Code == BuiltInInstruments.Core10 && random.NextDouble() < 0.1)
            {
                answers.Remove(random.Next(1, definition.Items.Count + 1));
            }
            request.SaveAnswers(response, answers, request.CreatedAtUtc);
        }
    }

    private static readonly string[] Comments =
    [
        "The sessions helped us listen to each other instead of shouting.",
        "A safe space to talk; I felt heard and not judged.",
        "Evening appointments made it possible to come after my shifts.",
        "We argue less and we now know how to stop an argument before it grows.",
        "I would have liked a few more sessions, but it was very helpful.",
    ];
}
