using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
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

        var programmes = await db.Programmes.Include(p => p.Hubs).ToDictionaryAsync(p => p.Code, cancellationToken);
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
