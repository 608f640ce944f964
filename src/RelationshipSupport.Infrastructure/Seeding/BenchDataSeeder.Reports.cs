using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Data for the report generation benchmark (<c>seed-bench --report-participants N</c>): a year of the parents
/// programme (referrals received 5 to 12 months ago, all ended by now) with N participants in N/2 couples, each couple's referral taken through screening, allocation,
/// individual and joint assessments, sessions and an ending, and 4N completed questionnaire administrations (one
/// instrument given once): intake (CORE-10, CORE-RISK, CSI-4, argument items) for 60% of the participants, end (the
/// same and the satisfaction questionnaire) for 32%. Scores are written as the stored rows the reports read;
/// answers only where a report reads them (satisfaction). Synthetic names; fixed seed, so the same every run.
/// </summary>
public sealed partial class BenchDataSeeder
{
    public sealed record ReportSummary(int Referrals, int People, int Administrations, int Sessions, TimeSpan Elapsed);

    private static readonly string[] IntakeCodes = [BuiltInInstruments.Core10, BuiltInInstruments.CoreRisk, BuiltInInstruments.Csi4, BuiltInInstruments.Argument];
    private static readonly string[] EndCodes = [.. IntakeCodes, BuiltInInstruments.Satisfaction];

    /// <param name="participants">People to add (rounded up to an even number: couples).</param>
    public async Task<ReportSummary> SeedReportAsync(int participants, string password, DateTime nowUtc, int seed = 20261203, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var (_, therapistIds) = await PrepareAsync(0, password, ct);
        int programmeId;
        int[] hubIds;
        Dictionary<string, Instrument> instruments;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var programme = await db.Programmes.AsNoTracking().Include(p => p.Hubs).SingleAsync(p => p.Code == ReferenceDataSeeder.ParentsInConflict, ct);
            (programmeId, hubIds) = (programme.Id, programme.Hubs.Select(h => h.Id).ToArray());
            instruments = (await new Application.Outcomes.InstrumentCatalogue(db).Current().AsNoTracking().ToListAsync(ct))
                .Where(i => EndCodes.Contains(i.Code)).ToDictionary(i => i.Code);
        }

        var couples = (participants + 1) / 2;
        var people = couples * 2;
        // Administrations = 4 × people: 4 instruments at intake for 60%, 5 at the end for 32%.
        var withIntake = people * 3 / 5;
        var withEnd = (4 * people - 4 * withIntake) / 5;
        var random = new Random(seed);
        var intakeGiven = 0;
        var endGiven = 0;
        var administrations = 0;
        var sessionsAdded = 0;
        const int batchSize = 500;

        for (var done = 0; done < couples; done += batchSize)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<(Referral Referral, bool Therapy, List<TherapySession> Sessions)>();
            for (var i = done; i < Math.Min(couples, done + batchSize); i++)
            {
                var received = nowUtc.AddDays(-random.Next(150, 360)).AddMinutes(-random.Next(0, 1440));
                // Of every 20 couples: 3 not suitable, 1 never reached; the other 16 allocated, 14 of them into therapy.
                var slot = i % 20;
                var therapist = therapistIds[random.Next(therapistIds.Length)];
                var referral = new Referral
                {
                    Reference = ReferenceGenerator.New(),
                    SubmissionId = Guid.NewGuid(),
                    ProgrammeId = programmeId,
                    HubId = hubIds[random.Next(hubIds.Length)],
                    Route = ReferralRoute.Professional,
                    ReceivedAtUtc = received,
                    ClientType = ClientType.Couple,
                    Difficulty = "Benchmark referral.",
                    CounsellingKinds = CounsellingKinds.CoParenting,
                    Availability = Availability.WeekdayEvenings,
                    Format = SessionFormat.NoPreference,
                    DomesticAbuse = ScreeningAnswer.No,
                    SevereMentalIllness = ScreeningAnswer.No,
                    SubstanceMisuse = ScreeningAnswer.No,
                    ReferrerName = "Bench Referrer",
                    ReferrerEmail = "referrer@bench.test",
                    ReferrerRole = ReferrerRole.SocialWorker,
                };
                var primary = ReportPerson(random, i, PersonRole.Primary);
                var partner = ReportPerson(random, i, PersonRole.Partner);
                partner.GenderIdentity = primary.GenderIdentity == "1" ? "2" : "1";
                referral.People.Add(primary);
                referral.People.Add(partner);
                var status = slot switch { < 3 => ReferralStatus.NotSuitable, 3 => ReferralStatus.Closed, _ => ReferralStatus.Ended };
                referral.Status = status;
                referral.StatusChanges.Add(new ReferralStatusChange
                {
                    From = ReferralStatus.Received, To = status, AtUtc = received.AddDays(30), ByUserId = "bench", ByName = "Benchmark seeder", Reason = "Generated",
                });
                var therapy = slot >= 6;
                var sessions = new List<TherapySession>();
                if (status != ReferralStatus.Ended)
                {
                    referral.ClosedAtUtc = received.AddDays(random.Next(5, 30));
                    referral.ClosureReason = status == ReferralStatus.NotSuitable ? ClosureReason.MetExclusionCriterion : ClosureReason.NoResponseToContact;
                }
                else
                {
                    var allocated = received.AddDays(random.Next(10, 40));
                    referral.WaitingSinceUtc = received.AddDays(7);
                    referral.AllocatedAtUtc = allocated;
                    var ended = allocated.AddDays(21);
                    if (therapy)
                    {
                        referral.TherapyOfferedAtUtc = allocated.AddDays(16);
                        var count = random.Next(6, 11);
                        for (var s = 0; s < count; s++)
                        {
                            var starts = allocated.AddDays(21 + 7 * s).Date.AddHours(18);
                            var missed = random.NextDouble() < 0.07;
                            sessions.Add(new TherapySession
                            {
                                StartsAtUtc = starts, Minutes = 50, Mode = SessionMode.InPerson, Venue = "Bench rooms", TherapistUserId = therapist,
                                ClientsExpected = SessionClients.Both, Attendance = missed ? AttendanceOutcome.DidNotAttend : AttendanceOutcome.Attended,
                                ClientsAttended = missed ? null : SessionClients.Both, AttendanceRecordedAtUtc = starts.AddHours(1), AttendanceRecordedByUserId = therapist,
                                CreatedAtUtc = referral.TherapyOfferedAtUtc.Value, CreatedByUserId = therapist,
                            });
                            ended = starts.AddHours(2);
                        }
                        referral.Sessions.AddRange(sessions);
                        sessionsAdded += count;
                    }
                    referral.ClosedAtUtc = ended;
                    referral.EndingKind = therapy ? EndingKind.Planned : EndingKind.Unplanned;
                    referral.EndingReason = therapy ? EndingReason.Completed : EndingReason.Disengaged;
                    referral.Allocations.Add(new CaseAllocation
                    {
                        TherapistUserId = therapist, Role = AllocationRole.Lead, AllocatedAtUtc = allocated, AllocatedByUserId = "bench", EndedAtUtc = ended,
                    });
                }
                batch.Add((referral, therapy, sessions));
            }
            db.Referrals.AddRange(batch.Select(b => b.Referral));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);

            // Assessments (they name people by id, known now) and the questionnaires of the people of allocated couples,
            // in order, until the intake and end quotas are met.
            var requests = new List<QuestionnaireRequest>();
            foreach (var (referral, therapy, _) in batch.Where(b => b.Referral.Status == ReferralStatus.Ended))
            {
                var allocated = referral.AllocatedAtUtc!.Value;
                var therapist = referral.Allocations[0].TherapistUserId;
                var assessed = DateOnly.FromDateTime(allocated.AddDays(7));
                foreach (var (kind, personId) in new[] { (AssessmentKind.Individual, (int?)referral.People[0].Id), (AssessmentKind.Individual, referral.People[1].Id), (AssessmentKind.Joint, null) })
                {
                    referral.Assessments.Add(new Assessment
                    {
                        ReferralId = referral.Id, Kind = kind, PersonId = personId, AuthorUserId = therapist, AuthorName = "Bench Therapist", Status = AssessmentStatus.SignedOff,
                        HeldOn = kind == AssessmentKind.Joint ? assessed.AddDays(7) : assessed, Mode = SessionMode.InPerson,
                        PresentingIssue = "Benchmark", Goals = "Benchmark", ExpectationsAgreed = "Benchmark", Recommendation = AssessmentRecommendation.OfferTherapy,
                        CreatedAtUtc = allocated.AddDays(7), UpdatedAtUtc = allocated.AddDays(8), SubmittedAtUtc = allocated.AddDays(8),
                        DecidedByUserId = "bench", DecidedByName = "Bench Supervisor", DecidedAtUtc = allocated.AddDays(9),
                    });
                }
                var firstAssessment = allocated.AddDays(7);
                foreach (var person in referral.People)
                {
                    if (intakeGiven >= withIntake) break;
                    intakeGiven++;
                    var level = Normal(random, 17, 6.5);
                    requests.Add(Administered(person, referral, Timepoint.Intake, IntakeCodes, firstAssessment.AddHours(2), level, random, instruments));
                    if (therapy && endGiven < withEnd)
                    {
                        endGiven++;
                        requests.Add(Administered(person, referral, Timepoint.End, EndCodes, referral.ClosedAtUtc!.Value.AddHours(1), level - Normal(random, 5.5, 6), random, instruments));
                    }
                }
            }
            administrations += requests.Sum(r => r.Responses.Count);
            db.QuestionnaireRequests.AddRange(requests);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        return new ReportSummary(couples, people, administrations, sessionsAdded, watch.Elapsed);
    }

    private static ReferralPerson ReportPerson(Random random, int i, PersonRole role) => new()
    {
        Role = role,
        FirstName = FirstNames[random.Next(FirstNames.Length)],
        LastName = LastNames[random.Next(LastNames.Length)] + "-" + (i % 5000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOfBirth = new DateOnly(1972 + random.Next(0, 25), random.Next(1, 13), random.Next(1, 29)),
        Email = $"report{i}.{(int)role}@bench.test",
        Phone = $"07700{random.Next(100000, 999999)}",
        PreferredContact = PreferredContact.Phone,
        GenderIdentity = random.NextDouble() < 0.5 ? "1" : "2",
        EthnicCategory = EthnicCategory.All[random.Next(EthnicCategory.All.Count)].Code,
        MaritalStatus = random.NextDouble() < 0.8 ? MaritalStatus.Married : MaritalStatus.Cohabiting,
        RelationshipLengthYears = random.Next(1, 30),
        HighestQualification = (Qualification)random.Next(1, 9),
        Employment = (Employment)random.Next(1, 9),
        ConsentToService = true,
        ConsentToEvaluation = random.NextDouble() < 0.85,
    };

    /// <summary>One completed sitting with a stored score per instrument near <paramref name="distress"/> (CORE-10 scale).</summary>
    private static QuestionnaireRequest Administered(ReferralPerson person, Referral referral, Timepoint timepoint, string[] codes, DateTime at,
        double distress, Random random, Dictionary<string, Instrument> instruments)
    {
        var core = Math.Clamp(Math.Round(distress), 0, 40);
        var request = new QuestionnaireRequest
        {
            ReferralId = referral.Id, PersonId = person.Id, Timepoint = timepoint, Status = QuestionnaireStatus.Completed, CreatedAtUtc = at, CreatedByUserId = "bench",
            DueAtUtc = at.AddDays(14), Mode = CompletionMode.Online, CompletedAtUtc = at.AddHours(3),
        };
        for (var k = 0; k < codes.Length; k++)
        {
            var instrument = instruments[codes[k]];
            var response = new QuestionnaireResponse { InstrumentId = instrument.Id, InstrumentCode = instrument.Code, SortOrder = k, SavedAtUtc = at.AddHours(3) };
            switch (codes[k])
            {
                case BuiltInInstruments.Core10:
                    response.Scores.Add(Score("total", core, 10, core >= 11));
                    break;
                case BuiltInInstruments.CoreRisk:
                    response.Scores.Add(Score("risk", Math.Max(0, Math.Round(Normal(random, core / 10, 1.2))), 5, null));
                    break;
                case BuiltInInstruments.Csi4:
                    var csi = Math.Clamp(Math.Round(Normal(random, 21 - core / 2, 4)), 0, 21);
                    response.Scores.Add(Score("total", csi, 4, csi < 13.5));
                    break;
                case BuiltInInstruments.Argument:
                    response.Scores.Add(Score("mean", Math.Round(Math.Clamp(Normal(random, core / 20, 0.4), 0, 3) * 3) / 3, 3, null));
                    break;
                default: // satisfaction: no score; the report reads the answers
                    for (var item = 1; item <= 11; item++)
                    {
                        response.Answers.Add(new QuestionnaireAnswer { ItemNumber = item, Value = random.NextDouble() < 0.7 ? 1 : random.NextDouble() < 0.85 ? 2 : 3 });
                    }
                    break;
            }
            request.Responses.Add(response);
        }
        return request;
    }

    private static QuestionnaireScore Score(string key, double value, int items, bool? clinical) =>
        new() { ScoreKey = key, Value = value, ItemsAnswered = items, ItemsInScore = items, IsClinical = clinical };

    private static double Normal(Random random, double mean, double sd) =>
        mean + sd * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Sin(2.0 * Math.PI * random.NextDouble());
}
