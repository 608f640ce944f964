using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Development only: one demo user per role (listed in README) and a few weeks of plausible referrals,
/// so a newcomer can sign in and click through every page. Never runs outside Development.
/// </summary>
public sealed partial class DemoDataSeeder(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock)
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
        // The rest of the team: they carry the demo's past year (DemoDataSeeder.History), not the hand-written cases.
        ("therapist4@demo.test", "Nia Therapist", Roles.Therapist),
        ("therapist5@demo.test", "Omar Therapist", Roles.Therapist),
        ("therapist6@demo.test", "Rosa Therapist", Roles.Therapist),
        ("therapist7@demo.test", "Kit Therapist", Roles.Therapist),
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
                    "therapist4@demo.test" => ("Relationship Support", 6, Availability.WeekdayEvenings | Availability.WeekdayAfternoons),
                    "therapist5@demo.test" => ("Asian Family Counselling Service", 5, Availability.WeekdayEvenings | Availability.Weekends),
                    "therapist6@demo.test" => ("Relationship Support", 6, Availability.WeekdayMornings | Availability.WeekdayEvenings),
                    "therapist7@demo.test" => ("Demo Borough Early Support", 3, Availability.WeekdayAfternoons | Availability.WeekdayEvenings),
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

        // 40 referrals of the last six weeks, and 12 older ones (two to five months ago) that became the cases in therapy.
        for (var i = 0; i < 52; i++)
        {
            var old = i >= 40;
            var staff = i % 3 != 2;
            var programme = programmes[staff ? ReferenceDataSeeder.NhsStaff : ReferenceDataSeeder.ParentsInConflict];
            var couple = random.NextDouble() < (staff ? 0.6 : 0.9);
            var risky = !old && random.NextDouble() < 0.1;
            var referral = new Referral
            {
                Reference = ReferenceGenerator.New(),
                SubmissionId = Guid.NewGuid(),
                ProgrammeId = programme.Id,
                HubId = programme.Hubs[random.Next(programme.Hubs.Count)].Id,
                Route = staff ? (random.NextDouble() < 0.3 ? ReferralRoute.StaffWellbeingHub : ReferralRoute.SelfReferral) : ReferralRoute.Professional,
                ReceivedAtUtc = now.AddDays(old ? -random.Next(60, 150) : -random.Next(0, 45)).AddMinutes(-random.Next(0, 600)),
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
        await AddHistoryAsync(programmes, now, cancellationToken);
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
        var tom = await users.FindByEmailAsync("therapist3@demo.test");
        if (cora is null || sam is null || theo is null || priya is null || tom is null) return;
        StaffUser[] therapists = [theo, priya, tom];
        var coordinator = new Actor(cora.Id, cora.DisplayName);
        var supervisor = new Actor(sam.Id, sam.DisplayName, IsSupervisor: true);
        var byId = programmes.ToDictionary(p => p.Id);
        var signposting = await db.SignpostingEntries.Where(e => e.Kind == SignpostingKind.Relationship || e.Kind == SignpostingKind.MentalHealth)
            .Select(e => e.Id).ToListAsync(cancellationToken);

        var referrals = await db.Referrals.Include(r => r.ContactAttempts).Where(r => !r.RiskFlag)
            .OrderBy(r => r.ReceivedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var step = 0;
        var allocatedOlder = 0;
        foreach (var referral in referrals.Where(r => r.ReceivedAtUtc < now.AddDays(-7)))
        {
            var programme = byId[referral.ProgrammeId];
            var at = referral.ReceivedAtUtc.AddDays(1);
            referral.RecordContactAttempt(at, ContactMethod.Phone, ContactOutcome.Spoke, null, coordinator, at);
            // The older referrals all reach allocation (stage 7), shared among the therapists; the rest spread over the stages.
            var older = referral.ReceivedAtUtc < now.AddDays(-55);
            var stage = older ? 7 : step++ % 7;
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
            IReadOnlyList<string> allocated = stage == 6 && referral.ClientType == ClientType.Couple ? [theo.Id, priya.Id]
                : stage == 7 ? [therapists[allocatedOlder++ % therapists.Length].Id]
                : [theo.Id];
            referral.Allocate(allocated, coordinator, at.AddDays(10));
        }
        await db.SaveChangesAsync(cancellationToken);
        await MoveCasesAlongAsync(byId, sam, now, cancellationToken);
        await AddQuestionnairesAsync(now, cancellationToken);
    }

    /// <summary>
    /// Takes the allocated demo cases on with the domain rules, so the caseload, assessments, sign-off, sessions,
    /// calendar, notes and endings all have something to show: some still being assessed, some waiting for sign-off,
    /// some in therapy (past sessions with notes, a missed one, sessions this week and next), one asking for extra
    /// sessions, some ended with signposting. Therapists are supervised by Sam.
    /// </summary>
    private async Task MoveCasesAlongAsync(Dictionary<int, Programme> programmes, StaffUser sam, DateTime now, CancellationToken cancellationToken)
    {
        var therapists = await db.Users.Where(u => u.Email != null && u.Email.StartsWith("therapist")).ToListAsync(cancellationToken);
        foreach (var therapist in therapists) therapist.SupervisorUserId = sam.Id;
        var names = therapists.ToDictionary(t => t.Id, t => t.DisplayName);
        var supervisor = new Actor(sam.Id, sam.DisplayName, IsSupervisor: true);
        var endingSignposting = await db.SignpostingEntries.Where(e => e.IsActive).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync(cancellationToken);

        var cases = await db.Referrals
            .Include(r => r.People).Include(r => r.Allocations).Include(r => r.Assessments).ThenInclude(a => a.Risks)
            .Include(r => r.Sessions).Include(r => r.Tasks).Include(r => r.Notes).Include(r => r.SessionExtensions).Include(r => r.Signposting)
            .Where(r => r.Status == ReferralStatus.Allocated)
            .OrderBy(r => r.AllocatedAtUtc).ThenBy(r => r.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var booked = new List<TherapySession>();
        TimeOnly[] slots = [new(18, 30), new(17, 0), new(19, 45), new(12, 30), new(10, 0), new(14, 0)];
        var k = 0;
        foreach (var referral in cases)
        {
            var programme = programmes[referral.ProgrammeId];
            var lead = referral.CurrentAllocations.OrderBy(a => a.Role).First();
            var therapist = new Actor(lead.TherapistUserId, names.GetValueOrDefault(lead.TherapistUserId, "Therapist"));
            var step = k++ % 5;
            if (step == 0) continue; // allocated: assessments not started
            var assessedAt = Earlier(referral.AllocatedAtUtc!.Value.AddDays(7), now.AddDays(-2));
            foreach (var (kind, personId) in referral.RequiredAssessments(programme))
            {
                var assessment = referral.StartAssessment(programme, kind, personId, therapist, assessedAt);
                assessment.HeldOn = DateOnly.FromDateTime(UkTime.ToLocal(assessedAt));
                assessment.Mode = kind == AssessmentKind.Joint ? SessionMode.InPerson : SessionMode.Video;
                assessment.PresentingIssue = "Demo: frequent arguments since a change of shifts; both want to communicate better.";
                assessment.RelationshipHistory = "Demo: together several years; strains began with night shifts.";
                assessment.ExpectationsAgreed = "Weekly sessions in the evening; both to attend; questionnaires at the start and end.";
                assessment.Goals = "Demo: argue less and resolve disagreements calmly; share childcare decisions.";
                assessment.Recommendation = AssessmentRecommendation.OfferTherapy;
                foreach (var area in Enum.GetValues<RiskArea>())
                {
                    assessment.RateRisk(area, area == RiskArea.SubstanceMisuse ? RiskLevel.Low : RiskLevel.None, null);
                }
                assessment.Submit(therapist.UserId, assessedAt);
                if (step != 1) assessment.SignOff(supervisor, null, assessedAt.AddDays(1));
            }
            if (step == 1) continue; // waiting for the supervisor's sign-off

            var offeredAt = assessedAt.AddDays(2);
            referral.OfferTherapy(programme, therapist, offeredAt);
            var clients = referral.ClientType == ClientType.Couple ? SessionClients.Both : SessionClients.PrimaryOnly;
            var holders = referral.CurrentAllocations.OrderBy(a => a.Role).Select(a => a.TherapistUserId).ToList();
            // Weekly sessions at 18:30 UK time, from a week after the offer; the past ones happened.
            var firstDay = DateOnly.FromDateTime(UkTime.ToLocal(offeredAt)).AddDays(7);
            var count = step switch { 2 => Math.Min(programme.MaxSessions, 5), 3 => programme.MaxSessions, _ => programme.MaxSessions };
            for (var i = 0; i < count; i++)
            {
                var day = firstDay.AddDays(7 * i);
                if (step == 4 && UkTime.ToUtc(day, slots[0]) > now) day = DateOnly.FromDateTime(UkTime.ToLocal(now)).AddDays(-7 * (count - i));
                var minutes = Math.Min(50, programme.MaxSessionMinutes);
                // The therapists' first free slot that day (demo cases share therapists).
                var starts = slots.Select(slot => UkTime.ToUtc(day, slot) ?? day.ToDateTime(slot))
                    .FirstOrDefault(t => !booked.Any(b => holders.Any(b.IsHeldBy) && b.Overlaps(t, minutes)));
                if (starts == default) continue;
                var session = referral.ScheduleSession(programme, starts, minutes, i % 3 == 2 ? SessionMode.Video : SessionMode.InPerson,
                    i % 3 == 2 ? null : "Demo counselling rooms, 1 High Street", holders[0], holders.Count > 1 ? holders[1] : null, clients, booked, therapist, offeredAt);
                booked.Add(session);
                if (starts > now) continue;
                var missed = step == 2 && i == 1;
                referral.RecordAttendance(session, missed ? AttendanceOutcome.DidNotAttend : AttendanceOutcome.Attended, missed ? null : clients, null, therapist, starts.AddHours(1));
                if (!missed)
                {
                    referral.AddNote(null, $"Demo note for session {i + 1}: reviewed the week, practised listening without interrupting; homework agreed.", therapist, starts.AddHours(2));
                }
            }
            if (step == 3 && referral.Sessions.Count(s => s.Counts) >= programme.MaxSessions)
            {
                referral.RequestExtraSessions(2, "Demo: good progress; two more sessions to consolidate.", therapist, now.AddDays(-1));
            }
            if (step == 4 && referral.Sessions.All(s => s.StartsAtUtc <= now))
            {
                referral.EndCase(EndingKind.Planned, EndingReason.Completed, "Demo: goals met.", endingSignposting, therapist, now.AddDays(-1));
            }
        }
        // The ids of sessions are needed by notes and tasks about them: saved in one go, since none refer to each other yet.
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

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
