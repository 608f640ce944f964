using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Development only: one demo user per role (listed in README) and a few weeks of plausible referrals,
/// so a newcomer can sign in and click through every page. Never runs outside Development.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock)
{
    public const string DemoPassword = "Demo-Passw0rd!";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> DemoUsers =
    [
        ("admin@demo.test", "Ada Admin", Roles.Administrator),
        ("coordinator@demo.test", "Cora Coordinator", Roles.Coordinator),
        ("hub.coordinator@demo.test", "Hana Hub-Coordinator", Roles.Coordinator),
        ("therapist@demo.test", "Theo Therapist", Roles.Therapist),
        ("therapist2@demo.test", "Priya Therapist", Roles.Therapist),
        ("therapist3@demo.test", "Tom Therapist", Roles.Therapist),
        ("supervisor@demo.test", "Sam Supervisor", Roles.Supervisor),
        ("manager@demo.test", "Mo Manager", Roles.Manager),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (email, name, role) in DemoUsers)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            if (role == Roles.Therapist)
            {
                // Different capacity, availability and organisations, so allocation has choices to offer.
                (user.Organisation, user.CaseCapacity, user.Availability) = email switch
                {
                    "therapist@demo.test" => ("Relationship Support", 8, Availability.WeekdayEvenings | Availability.WeekdayAfternoons),
                    "therapist2@demo.test" => ("Asian Family Counselling Service", 6, Availability.WeekdayEvenings | Availability.Weekends),
                    _ => ("Relationship Support", 4, Availability.WeekdayMornings | Availability.WeekdayAfternoons),
                };
            }
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo user: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
        }
        await AssignCoordinatorsAsync(cancellationToken);

        if (await db.Referrals.AnyAsync(cancellationToken)) return;

        var programmes = await db.Programmes.Include(p => p.Hubs).Include(p => p.Criteria).ToDictionaryAsync(p => p.Code, cancellationToken);
        var random = new Random(20260401);
        var now = clock.GetUtcNow().UtcDateTime;
        string[] first = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jonah", "Kemi", "Liam", "Maya", "Niall", "Olu", "Priya", "Rory", "Sana", "Tom", "Uma"];
        string[] last = ["Adeyemi", "Brown", "Chen", "Dawson", "Evans", "Fernandes", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel"];
        string[] roles = ["Staff nurse", "Paramedic", "Junior doctor", "Healthcare assistant", "Social worker", "Physiotherapist", "Ward clerk", "Midwife"];
        string[] employers = ["Barts Health NHS Trust", "Guy's and St Thomas' NHS Foundation Trust", "London Ambulance Service", "Camden Council adult social care", "Imperial College Healthcare NHS Trust"];

        for (var i = 0; i < 40; i++)
        {
            var staff = i % 3 != 2;
            var programme = programmes[staff ? ReferenceDataSeeder.NhsStaff : ReferenceDataSeeder.ParentsInConflict];
            var couple = random.NextDouble() < (staff ? 0.6 : 0.9);
            var risky = random.NextDouble() < 0.1;
            var referral = new Referral
            {
                Reference = ReferenceGenerator.New(),
                SubmissionId = Guid.NewGuid(),
                ProgrammeId = programme.Id,
                HubId = programme.Hubs[random.Next(programme.Hubs.Count)].Id,
                Route = staff ? (random.NextDouble() < 0.3 ? ReferralRoute.StaffWellbeingHub : ReferralRoute.SelfReferral) : ReferralRoute.Professional,
                ReceivedAtUtc = now.AddDays(-random.Next(0, 45)).AddMinutes(-random.Next(0, 600)),
                ClientType = couple ? ClientType.Couple : ClientType.Individual,
                Difficulty = "Demo referral: communication has broken down and arguments are frequent.",
                CounsellingKinds = staff ? CounsellingKinds.Relationship : CounsellingKinds.CoParenting,
                Availability = Availability.WeekdayEvenings | (random.NextDouble() < 0.5 ? Availability.Weekends : Availability.None),
                Format = (SessionFormat)random.Next(1, 4),
                DomesticAbuse = risky ? ScreeningAnswer.NotSure : ScreeningAnswer.No,
                SevereMentalIllness = ScreeningAnswer.No,
                SubstanceMisuse = ScreeningAnswer.No,
            };
            referral.FlagRiskFromScreening();
            referral.People.Add(Person(random, first, last, PersonRole.Primary, staff ? employers[random.Next(employers.Length)] : null, staff ? roles[random.Next(roles.Length)] : null));
            if (couple)
            {
                referral.People.Add(Person(random, first, last, PersonRole.Partner, null, null));
            }
            if (!staff)
            {
                referral.ReferrerName = "Demo Social Worker";
                referral.ReferrerRole = ReferrerRole.SocialWorker;
                referral.ReferrerOrganisation = "Demo Borough Children's Services";
                referral.ReferrerEmail = "social.worker@borough.example";
                referral.ReferrerPhone = "02079460999";
                referral.FamilyConsentConfirmed = true;
                referral.Children.Add(new ReferralChild { FirstName = "Demo child", AgeYears = random.Next(1, 16), LivesWithReferredParents = true });
            }
            db.Referrals.Add(referral);
        }
        await db.SaveChangesAsync(cancellationToken);
        await MoveAlongAsync(programmes.Values, now, cancellationToken);
    }

    /// <summary>
    /// Takes the older demo referrals along the workflow with the real domain rules, so every page (screening,
    /// panel, waiting list, allocation, closed referrals) has something to show.
    /// </summary>
    private async Task MoveAlongAsync(IEnumerable<Programme> programmes, DateTime now, CancellationToken cancellationToken)
    {
        var cora = await users.FindByEmailAsync("coordinator@demo.test");
        var sam = await users.FindByEmailAsync("supervisor@demo.test");
        var theo = await users.FindByEmailAsync("therapist@demo.test");
        var priya = await users.FindByEmailAsync("therapist2@demo.test");
        if (cora is null || sam is null || theo is null || priya is null) return;
        var coordinator = new Actor(cora.Id, cora.DisplayName);
        var supervisor = new Actor(sam.Id, sam.DisplayName, IsSupervisor: true);
        var byId = programmes.ToDictionary(p => p.Id);
        var signposting = await db.SignpostingEntries.Where(e => e.Kind == SignpostingKind.Relationship || e.Kind == SignpostingKind.MentalHealth)
            .Select(e => e.Id).ToListAsync(cancellationToken);

        var referrals = await db.Referrals.Include(r => r.ContactAttempts).Where(r => !r.RiskFlag)
            .OrderBy(r => r.ReceivedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var step = 0;
        foreach (var referral in referrals.Where(r => r.ReceivedAtUtc < now.AddDays(-7)))
        {
            var programme = byId[referral.ProgrammeId];
            var at = referral.ReceivedAtUtc.AddDays(1);
            referral.RecordContactAttempt(at, ContactMethod.Phone, ContactOutcome.Spoke, null, coordinator, at);
            var stage = step++ % 7;
            if (stage == 0) continue; // contacting
            referral.StartScreening(coordinator, at.AddHours(1));
            if (stage == 1) continue; // screening
            var favourable = programme.Criteria.Where(c => c.IsActive).ToDictionary(c => c.Id, c => c.Kind == CriterionKind.Inclusion);
            if (stage == 2)
            {
                var unfavourable = favourable.ToDictionary(kv => kv.Key, kv => kv.Value);
                var exclusion = programme.Criteria.First(c => c.Kind == CriterionKind.Exclusion);
                unfavourable[exclusion.Id] = true;
                referral.RecordScreening(programme, unfavourable, ScreeningOutcome.NotSuitable, "Demo: an exclusion criterion applies.", null,
                    coordinator, at.AddDays(2), ClosureReason.MetExclusionCriterion, signposting);
                continue;
            }
            referral.RecordScreening(programme, favourable, ScreeningOutcome.Accept, null, null, coordinator, at.AddDays(2));
            if (programme.RequiresScreeningPanel)
            {
                if (stage == 3) continue; // initial suitability review
                referral.ReviewSuitability(true, null, supervisor, at.AddDays(3));
                if (stage == 4) continue; // waiting for the panel
                referral.PlaceOnWaitingList(coordinator, at.AddDays(5), "Screening panel (demo): accepted");
            }
            if (stage is 3 or 4 or 5) continue; // waiting for assessment
            referral.Allocate(stage == 6 && referral.ClientType == ClientType.Couple ? [theo.Id, priya.Id] : [theo.Id], coordinator, at.AddDays(10));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Cora works every programme (intake); Hana only the North East London hub's referrals.</summary>
    private async Task AssignCoordinatorsAsync(CancellationToken cancellationToken)
    {
        if (await db.StaffAssignments.AnyAsync(cancellationToken)) return;
        var programmes = await db.Programmes.Include(p => p.Hubs).ToListAsync(cancellationToken);
        var cora = await users.FindByEmailAsync("coordinator@demo.test");
        var hana = await users.FindByEmailAsync("hub.coordinator@demo.test");
        foreach (var programme in programmes)
        {
            db.StaffAssignments.Add(new StaffAssignment { UserId = cora!.Id, ProgrammeId = programme.Id });
        }
        if (programmes.SelectMany(p => p.Hubs).FirstOrDefault(h => h.Code == "nel-hub") is { } nel)
        {
            db.StaffAssignments.Add(new StaffAssignment { UserId = hana!.Id, ProgrammeId = nel.ProgrammeId, HubId = nel.Id });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ReferralPerson Person(Random random, string[] first, string[] last, PersonRole role, string? employer, string? jobRole) => new()
    {
        Role = role,
        FirstName = first[random.Next(first.Length)],
        LastName = last[random.Next(last.Length)],
        DateOfBirth = new DateOnly(1965 + random.Next(0, 35), random.Next(1, 13), random.Next(1, 29)),
        Email = $"demo.client{random.Next(1000, 9999)}@example.com",
        Phone = $"07700900{random.Next(100, 999)}",
        PreferredContact = random.NextDouble() < 0.5 ? PreferredContact.Email : PreferredContact.Phone,
        SafeContactTimes = "Weekdays after 6pm",
        MayLeaveMessages = random.NextDouble() < 0.7,
        Employer = employer,
        JobRole = jobRole,
        EthnicCategory = EthnicCategory.All[random.Next(EthnicCategory.All.Count)].Code,
        GenderIdentity = GenderIdentity.All[random.Next(GenderIdentity.All.Count)].Code,
        ConsentToService = true,
        ConsentToEvaluation = random.NextDouble() < 0.8,
    };
}
