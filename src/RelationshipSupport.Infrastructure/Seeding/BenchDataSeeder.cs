using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Fills a database with a large, plausible caseload for benchmarks (<c>seed-bench</c>): referrals spread over three
/// years across both programmes and every hub, in every status in realistic proportions, with people, contact
/// attempts and status history, plus coordinators and therapists to sign in as. Synthetic names only.
/// </summary>
public sealed partial class BenchDataSeeder(IServiceScopeFactory scopes)
{
    /// <summary>The email address of benchmark coordinator <paramref name="n"/> (1-based).</summary>
    public static string CoordinatorEmail(int n) => $"bench.coordinator{n}@bench.test";

    /// <summary>Status and its share of all referrals (sums to 1).</summary>
    private static readonly (ReferralStatus Status, double Share)[] Mix =
    [
        (ReferralStatus.Received, 0.06),
        (ReferralStatus.Contacting, 0.05),
        (ReferralStatus.Screening, 0.03),
        (ReferralStatus.SuitabilityReview, 0.01),
        (ReferralStatus.ScreeningPanel, 0.01),
        (ReferralStatus.WaitingForAssessment, 0.10),
        (ReferralStatus.Allocated, 0.20),
        (ReferralStatus.NotSuitable, 0.14),
        (ReferralStatus.Withdrawn, 0.12),
        (ReferralStatus.Closed, 0.28),
    ];

    /// <param name="SampleReferences">About 1 in 100 referrals, each as "Status Reference", for benchmarks to look up.</param>
    public sealed record Summary(int Referrals, int People, TimeSpan Elapsed, IReadOnlyList<string> SampleReferences);

    /// <param name="count">Referrals to add.</param>
    /// <param name="coordinators">Coordinators to create (assigned to every programme), password <paramref name="password"/>.</param>
    public async Task<Summary> SeedAsync(int count, int coordinators, string password, DateTime nowUtc, int seed = 20261201, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var (programmes, therapistIds) = await PrepareAsync(coordinators, password, ct);
        var random = new Random(seed);
        var samples = new List<string>();
        var people = 0;
        const int batchSize = 2000;
        var cumulative = Mix.Select((m, i) => (m.Status, Upto: Mix.Take(i + 1).Sum(x => x.Share))).ToArray();

        for (var done = 0; done < count; done += batchSize)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Referral>(batchSize);
            for (var i = done; i < Math.Min(count, done + batchSize); i++)
            {
                var (programmeId, hubIds, parents) = programmes[random.NextDouble() < 0.7 || programmes.Count == 1 ? 0 : 1];
                var draw = random.NextDouble();
                var status = cumulative.First(c => draw <= c.Upto || c.Upto >= 0.9999).Status;
                // Older referrals are mostly finished; open ones are recent.
                var ageDays = status switch
                {
                    ReferralStatus.Received or ReferralStatus.Contacting => random.Next(0, 30),
                    ReferralStatus.Screening or ReferralStatus.SuitabilityReview or ReferralStatus.ScreeningPanel => random.Next(5, 60),
                    ReferralStatus.WaitingForAssessment => random.Next(10, 200),
                    _ => random.Next(0, 3 * 365),
                };
                var received = nowUtc.AddDays(-ageDays).AddMinutes(-random.Next(0, 1440));
                var couple = random.NextDouble() < (parents ? 0.95 : 0.6);
                var referral = new Referral
                {
                    Reference = ReferenceGenerator.New(),
                    SubmissionId = Guid.NewGuid(),
                    ProgrammeId = programmeId,
                    HubId = hubIds[random.Next(hubIds.Length)],
                    Route = parents ? ReferralRoute.Professional : ReferralRoute.SelfReferral,
                    Status = status,
                    ReceivedAtUtc = received,
                    ClientType = couple ? ClientType.Couple : ClientType.Individual,
                    Difficulty = "Benchmark referral.",
                    CounsellingKinds = parents ? CounsellingKinds.CoParenting : CounsellingKinds.Relationship,
                    Availability = (Availability)random.Next(1, 16),
                    Format = (SessionFormat)random.Next(1, 4),
                    DomesticAbuse = random.NextDouble() < 0.05 ? ScreeningAnswer.NotSure : ScreeningAnswer.No,
                    SevereMentalIllness = ScreeningAnswer.No,
                    SubstanceMisuse = ScreeningAnswer.No,
                    ReferrerName = parents ? "Bench Referrer" : null,
                    ReferrerEmail = parents ? "referrer@bench.test" : null,
                };
                referral.FlagRiskFromScreening();
                referral.People.Add(Person(random, i, PersonRole.Primary));
                if (couple) referral.People.Add(Person(random, i, PersonRole.Partner));
                people += referral.People.Count;

                var attempts = status == ReferralStatus.Received ? 0 : random.Next(1, 4);
                for (var a = 0; a < attempts; a++)
                {
                    var at = received.AddDays(a + 1);
                    referral.ContactAttempts.Add(new ContactAttempt
                    {
                        AtUtc = at < nowUtc ? at : nowUtc,
                        Method = ContactMethod.Phone,
                        Outcome = a == attempts - 1 ? ContactOutcome.Spoke : ContactOutcome.NoAnswer,
                        RecordedByUserId = "bench",
                        RecordedAtUtc = at < nowUtc ? at : nowUtc,
                    });
                }
                if (status != ReferralStatus.Received)
                {
                    referral.StatusChanges.Add(new ReferralStatusChange
                    {
                        From = ReferralStatus.Received, To = status, AtUtc = received.AddDays(1) < nowUtc ? received.AddDays(1) : nowUtc,
                        ByUserId = "bench", ByName = "Benchmark seeder", Reason = "Generated",
                    });
                }
                if (status is ReferralStatus.WaitingForAssessment or ReferralStatus.Allocated)
                {
                    referral.WaitingSinceUtc = received.AddDays(Math.Min(ageDays, random.Next(3, 10)));
                    referral.IsPriority = status == ReferralStatus.WaitingForAssessment && random.NextDouble() < 0.03;
                    referral.PriorityReason = referral.IsPriority ? "Benchmark priority" : null;
                }
                if (status == ReferralStatus.Allocated)
                {
                    referral.AllocatedAtUtc = referral.WaitingSinceUtc!.Value.AddDays(random.Next(1, 60));
                    referral.Allocations.Add(new CaseAllocation
                    {
                        TherapistUserId = therapistIds[random.Next(therapistIds.Length)], Role = AllocationRole.Lead,
                        AllocatedAtUtc = referral.AllocatedAtUtc.Value, AllocatedByUserId = "bench",
                        // Most allocations are of long-finished cases.
                        EndedAtUtc = ageDays > 120 ? referral.AllocatedAtUtc.Value.AddDays(90) : null,
                    });
                }
                if (status is ReferralStatus.NotSuitable or ReferralStatus.Closed or ReferralStatus.Withdrawn)
                {
                    referral.ClosedAtUtc = received.AddDays(random.Next(1, 40));
                    referral.ClosureReason = status switch
                    {
                        ReferralStatus.NotSuitable => ClosureReason.MetExclusionCriterion,
                        ReferralStatus.Closed => ClosureReason.NoResponseToContact,
                        _ => null,
                    };
                }
                if (random.NextDouble() < 0.01) samples.Add($"{status} {referral.Reference}");
                batch.Add(referral);
            }
            db.Referrals.AddRange(batch);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        return new Summary(count, people, watch.Elapsed, samples);
    }

    private async Task<(List<(int Id, int[] HubIds, bool Parents)> Programmes, string[] TherapistIds)> PrepareAsync(int coordinators, string password, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Hubs).OrderBy(p => p.Id).ToListAsync(ct);

        for (var n = 1; n <= coordinators; n++)
        {
            var email = CoordinatorEmail(n);
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench Coordinator {n}" };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, Roles.Coordinator));
            db.StaffAssignments.AddRange(programmes.Select(p => new StaffAssignment { UserId = user.Id, ProgrammeId = p.Id }));
        }
        var therapists = new List<string>();
        for (var n = 1; n <= 20; n++)
        {
            var email = $"bench.therapist{n}@bench.test";
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench Therapist {n}",
                    CaseCapacity = 6 + (n % 5), Availability = (Availability)(1 + (n % 15)), Organisation = "Bench",
                };
                Check(await users.CreateAsync(user, password));
                Check(await users.AddToRoleAsync(user, Roles.Therapist));
            }
            therapists.Add(user.Id);
        }
        await db.SaveChangesAsync(ct);
        return (programmes.Select(p => (p.Id, p.Hubs.Select(h => h.Id).ToArray(), p.RequiresScreeningPanel)).ToList(), therapists.ToArray());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static readonly string[] FirstNames = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jonah", "Kemi", "Liam", "Maya", "Niall", "Olu", "Priya", "Rory", "Sana", "Tom", "Uma", "Vik", "Wen", "Yusuf", "Zara"];
    private static readonly string[] LastNames = ["Adeyemi", "Brown", "Chen", "Dawson", "Evans", "Fernandes", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Rahman", "Smith", "Taylor", "Usman", "Vaughan", "Walsh", "Young"];

    private static ReferralPerson Person(Random random, int i, PersonRole role)
    {
        var person = new ReferralPerson
        {
            Role = role,
            FirstName = FirstNames[random.Next(FirstNames.Length)],
            // A suffix makes most surnames rare, as real ones are; some stay common ("Smith") to test broad searches.
            LastName = LastNames[random.Next(LastNames.Length)] + (random.NextDouble() < 0.9 ? "-" + (i % 5000).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            DateOfBirth = new DateOnly(1960 + random.Next(0, 40), random.Next(1, 13), random.Next(1, 29)),
            Email = $"bench{i}.{(int)role}@bench.test",
            Phone = $"07700{random.Next(100000, 999999)}",
            PreferredContact = PreferredContact.Phone,
            ConsentToService = true,
            ConsentToEvaluation = random.NextDouble() < 0.8,
        };
        person.UpdateSearchKeys();
        return person;
    }
}
