using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// A realistic past year for both programmes, added after the hand-written demo cases (which stay exactly as they
/// were): several hundred referrals over the twelve months before now, by each programme's routes, individuals and
/// couples, drop-outs at every step, assessments signed off, sessions with some missed and cancelled, therapists'
/// capacity respected, demographics, consent, and intake and end questionnaires answered and scored through the real
/// scoring engine, so that a newcomer's first report looks like the seeds' reports. Every history case has ended by
/// now, so caseloads stay those of the hand-written cases. The demo's seven therapists share the year, each within
/// their case capacity (counting the hand-written cases). A fixed-seed <see cref="Random"/> makes the figures the
/// same on every run.
/// </summary>
public sealed partial class DemoDataSeeder
{
    /// <summary>History referrals per programme (the hand-written demo adds about 30 and 15 more).</summary>
    public const int HistoryStaffReferrals = 230;
    public const int HistoryParentsReferrals = 110;

    /// <summary>The couple communication questionnaire uploaded in the demo (docs/examples/couple-communication.json).</summary>
    public const string CoupleCommunication = "CCQ";

    private async Task AddHistoryAsync(Dictionary<string, Programme> programmes, DateTime now, CancellationToken cancellationToken)
    {
        var emails = DemoUsers.Select(u => u.Email).ToList();
        var staff = await db.Users.Where(u => u.Email != null && emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email!, cancellationToken);
        if (emails.Any(e => !staff.ContainsKey(e))) return;

        await AddCoupleCommunicationAsync(programmes[ReferenceDataSeeder.NhsStaff], staff["admin@demo.test"].DisplayName, now, cancellationToken);

        var history = new History(new Random(20250602), now,
            new Actor(staff["coordinator@demo.test"].Id, staff["coordinator@demo.test"].DisplayName),
            new Actor(staff["supervisor@demo.test"].Id, staff["supervisor@demo.test"].DisplayName, IsSupervisor: true),
            [.. DemoUsers.Where(u => u.Role == Roles.Therapist).Select(u => staff[u.Email])],
            await db.SignpostingEntries.Where(e => e.IsActive).OrderBy(e => e.Id).Select(e => new { e.Id, e.Kind }).ToListAsync(cancellationToken) is var entries
                ? entries.Select(e => (e.Id, e.Kind)).ToList() : []);

        // What the hand-written demo already holds: its allocations count against capacity, its sessions against clashes.
        foreach (var a in await db.CaseAllocations.AsNoTracking().Select(a => new { a.TherapistUserId, a.AllocatedAtUtc, a.EndedAtUtc }).ToListAsync(cancellationToken))
        {
            history.Hold(a.TherapistUserId, a.AllocatedAtUtc, a.EndedAtUtc ?? DateTime.MaxValue);
        }
        foreach (var session in await db.TherapySessions.AsNoTracking().ToListAsync(cancellationToken))
        {
            history.Booked(session);
        }

        // 1. The referrals and their people (saved first: the workflow refers to people by id).
        var referrals = new List<(Referral Referral, Programme Programme, Fate Fate)>();
        foreach (var (programme, count) in new[] { (programmes[ReferenceDataSeeder.NhsStaff], HistoryStaffReferrals), (programmes[ReferenceDataSeeder.ParentsInConflict], HistoryParentsReferrals) })
        {
            for (var i = 0; i < count; i++)
            {
                var fate = history.FateFor(programme);
                referrals.Add((history.NewReferral(programme, fate), programme, fate));
            }
        }
        referrals = [.. referrals.OrderBy(r => r.Referral.ReceivedAtUtc)];
        db.Referrals.AddRange(referrals.Select(r => r.Referral));
        await db.SaveChangesAsync(cancellationToken);

        // 2. Each referral along the workflow with the domain's rules, oldest first (capacity and diaries fill in order).
        foreach (var (referral, programme, fate) in referrals)
        {
            history.Run(referral, programme, fate);
        }

        // 3. Questionnaires at intake and end, answered and scored by the real scoring engine; saved with the workflow
        // in one go (they need only the referrals' and people's ids, known since step 1).
        var instruments = await db.Instruments.ToListAsync(cancellationToken);
        var schedule = await db.ProgrammeInstruments.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var given = schedule.GroupBy(p => (p.ProgrammeId, p.Timepoint)).ToDictionary(g => g.Key, g => (IReadOnlyList<Instrument>)g
            .Select(p => instruments.Where(i => i.Code == p.InstrumentCode && !i.IsRetired).MaxBy(i => i.Version)).OfType<Instrument>().ToList());
        foreach (var (referral, programme, fate) in referrals)
        {
            db.QuestionnaireRequests.AddRange(history.Questionnaires(referral, programme, fate, given));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the service's own couple communication questionnaire (as an administrator would upload it) and gives it
    /// in the staff programme at intake and end, after the built-in ones. Leaves an existing CCQ or schedule alone.
    /// </summary>
    private async Task AddCoupleCommunicationAsync(Programme staffProgramme, string uploadedBy, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.Instruments.AnyAsync(i => i.Code == CoupleCommunication, cancellationToken))
        {
            using var stream = typeof(DemoDataSeeder).Assembly.GetManifestResourceStream("Demo.couple-communication.json")
                ?? throw new InvalidOperationException("The demo's couple communication questionnaire is not embedded.");
            using var reader = new StreamReader(stream);
            var json = await reader.ReadToEndAsync(cancellationToken);
            db.Instruments.Add(Instrument.From(InstrumentDefinition.Parse(json), json, version: 1, builtIn: false, uploadedBy, now.AddDays(-380)));
        }
        var scheduled = await db.ProgrammeInstruments.Where(p => p.ProgrammeId == staffProgramme.Id).ToListAsync(cancellationToken);
        foreach (var timepoint in new[] { Timepoint.Intake, Timepoint.End })
        {
            var atThisPoint = scheduled.Where(p => p.Timepoint == timepoint).ToList();
            if (atThisPoint.Any(p => p.InstrumentCode == CoupleCommunication)) continue;
            db.ProgrammeInstruments.Add(new ProgrammeInstrument
            {
                ProgrammeId = staffProgramme.Id,
                InstrumentCode = CoupleCommunication,
                Timepoint = timepoint,
                SortOrder = atThisPoint.Count == 0 ? 0 : atThisPoint.Max(p => p.SortOrder) + 1,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>How far a history referral gets.</summary>
    internal enum Fate
    {
        NoContact,
        Declined,
        NotSuitableAtScreening,
        NotSuitableAtReview,
        WithdrewWhileWaiting,
        NoAssessment,
        EndedAfterAssessment,
        EndedEarly,
        Completed,
    }

    /// <summary>The generator: one random stream, the therapists' diaries and held cases, and the people's latent scores.</summary>
    private sealed class History(Random random, DateTime now, Actor coordinator, Actor supervisor, List<StaffUser> therapists, List<(int Id, SignpostingKind Kind)> signposting)
    {
        private readonly Random random = random;
        private readonly Dictionary<string, List<(DateTime From, DateTime To)>> held = therapists.ToDictionary(t => t.Id, _ => new List<(DateTime, DateTime)>());
        private readonly Dictionary<string, List<TherapySession>> diaries = therapists.ToDictionary(t => t.Id, _ => new List<TherapySession>());
        private readonly Dictionary<ReferralPerson, Latent> latent = [];
        private int number;

        public void Hold(string therapistId, DateTime from, DateTime to)
        {
            if (held.TryGetValue(therapistId, out var list)) list.Add((from, to));
        }

        public void Booked(TherapySession session)
        {
            foreach (var id in new[] { session.TherapistUserId, session.CoTherapistUserId }.OfType<string>())
            {
                if (diaries.TryGetValue(id, out var list)) list.Add(session);
            }
        }

        // ---------------------------------------------------------------- who is referred, and how far they get

        private static readonly (Fate Fate, double Staff, double Parents)[] Fates =
        [
            (Fate.NoContact, 0.12, 0.06),
            (Fate.Declined, 0.08, 0.06),
            (Fate.NotSuitableAtScreening, 0.10, 0.16),
            (Fate.NotSuitableAtReview, 0.00, 0.12),
            (Fate.WithdrewWhileWaiting, 0.06, 0.04),
            (Fate.NoAssessment, 0.04, 0.03),
            (Fate.EndedAfterAssessment, 0.06, 0.07),
            (Fate.EndedEarly, 0.12, 0.11),
            (Fate.Completed, 0.42, 0.35),
        ];

        public Fate FateFor(Programme programme)
        {
            var parents = programme.RequiresScreeningPanel;
            var draw = random.NextDouble();
            foreach (var (fate, staffShare, parentsShare) in Fates)
            {
                draw -= parents ? parentsShare : staffShare;
                if (draw < 0) return fate;
            }
            return Fate.Completed;
        }

        /// <summary>Upper bound of the days from allocation to the end of a case with this fate (to place it before now).</summary>
        private static int CaseDays(Programme programme, Fate fate) => (programme.RequiresScreeningPanel, fate) switch
        {
            (_, Fate.NoAssessment) => 21,
            (false, Fate.EndedAfterAssessment) => 20,
            (true, Fate.EndedAfterAssessment) => 30,
            (false, Fate.EndedEarly) => 14 + 9 + 7 * 5 + 14,
            (true, Fate.EndedEarly) => 22 + 9 + 7 * 7 + 14,
            (false, _) => 14 + 9 + 7 * (programme.MaxSessions + 3) + 3,
            (true, _) => 22 + 9 + 7 * (programme.MaxSessions + 3) + 3,
        };

        /// <summary>Typical days from allocation to the end of a case with this fate: how long it holds a place in the therapist's caseload.</summary>
        private static int TypicalDays(Programme programme, Fate fate) => (programme.RequiresScreeningPanel, fate) switch
        {
            (_, Fate.NoAssessment) => 15,
            (false, Fate.EndedAfterAssessment) => 12,
            (true, Fate.EndedAfterAssessment) => 20,
            (false, Fate.EndedEarly) => 30,
            (true, Fate.EndedEarly) => 45,
            (false, _) => 14 + 7 * programme.MinSessions,
            (true, _) => 24 + 7 * programme.MinSessions,
        };

        private static bool Allocated(Fate fate) => fate >= Fate.NoAssessment;

        public Referral NewReferral(Programme programme, Fate fate)
        {
            var parents = programme.RequiresScreeningPanel;
            // Referrals that reach a therapist are old enough for their case to have ended; the others arrive all year.
            var latestDaysAgo = Allocated(fate) ? CaseDays(programme, fate) + 40 : 46;
            var received = now.AddDays(-random.Next(latestDaysAgo, 364)).Date.AddHours(7 + random.Next(0, 14)).AddMinutes(random.Next(0, 60));
            var couple = random.NextDouble() < (parents ? 0.96 : 0.62);
            var route = parents ? ReferralRoute.Professional
                : Pick((ReferralRoute.SelfReferral, 0.68), (ReferralRoute.StaffWellbeingHub, 0.24), (ReferralRoute.Coordinator, 0.08));
            var referrerRole = Pick((ReferrerRole.SocialWorker, 0.5), (ReferrerRole.EarlySupport, 0.35), (ReferrerRole.Camhs, 0.08), (ReferrerRole.School, 0.07));
            var hub = parents
                ? programme.Hubs.First(h => h.Code == (referrerRole == ReferrerRole.EarlySupport ? "la-early-help" : "la-childrens-social-care"))
                : programme.Hubs[random.Next(programme.Hubs.Count)];
            number++;
            var referral = new Referral
            {
                Reference = ReferenceGenerator.New(),
                SubmissionId = Guid.NewGuid(),
                ProgrammeId = programme.Id,
                HubId = hub.Id,
                Route = route,
                ReceivedAtUtc = received,
                ClientType = couple ? ClientType.Couple : ClientType.Individual,
                Difficulty = Pick(Difficulties),
                CounsellingKinds = parents ? CounsellingKinds.CoParenting : random.NextDouble() < 0.1 ? CounsellingKinds.Relationship | CounsellingKinds.Psychosexual : CounsellingKinds.Relationship,
                Availability = Availability.WeekdayEvenings | (random.NextDouble() < 0.4 ? Availability.Weekends : Availability.None) | (random.NextDouble() < 0.3 ? Availability.WeekdayAfternoons : Availability.None),
                Format = (SessionFormat)random.Next(1, 4),
                DomesticAbuse = ScreeningAnswer.No,
                SevereMentalIllness = ScreeningAnswer.No,
                SubstanceMisuse = ScreeningAnswer.No,
            };
            referral.FlagRiskFromScreening();
            var primary = NewPerson(PersonRole.Primary, parents, couple, null);
            referral.People.Add(primary);
            if (couple) referral.People.Add(NewPerson(PersonRole.Partner, parents, couple, primary));
            if (parents)
            {
                referral.ReferrerName = Pick(FemaleNames) + " " + Pick(Surnames);
                referral.ReferrerRole = referrerRole;
                referral.ReferrerOrganisation = referrerRole switch
                {
                    ReferrerRole.EarlySupport => "Demo Borough Early Support",
                    ReferrerRole.Camhs => "Demo Borough CAMHS",
                    ReferrerRole.School => "Demo Borough special school",
                    _ => "Demo Borough Children's Services",
                };
                referral.ReferrerEmail = $"referrer{number}@borough.example";
                referral.ReferrerPhone = "02079460999";
                referral.FamilyConsentConfirmed = true;
                var children = random.Next(1, 4);
                for (var c = 0; c < children; c++)
                {
                    referral.Children.Add(new ReferralChild { FirstName = "Child " + (c + 1), AgeYears = random.Next(1, 17), LivesWithReferredParents = random.NextDouble() < 0.9 });
                }
            }
            return referral;
        }

        private ReferralPerson NewPerson(PersonRole role, bool parents, bool couple, ReferralPerson? partner)
        {
            // Gender: most staff clients are women (as the NHS workforce); partners are mostly of the other gender.
            var gender = partner is null
                ? Pick(("2", parents ? 0.62 : 0.76), ("1", parents ? 0.36 : 0.20), ("3", 0.01), ("Z", 0.01))
                : random.NextDouble() < 0.94 ? (partner.GenderIdentity == "1" ? "2" : "1") : Pick(("1", 0.4), ("2", 0.4), ("3", 0.1), ("Z", 0.1));
            var age = partner?.DateOfBirth is { } other
                ? Math.Clamp(now.Year - other.Year + (int)Math.Round(Normal(gender == "1" ? 2 : -1, 3)), 21, 70)
                : (int)Math.Round(Math.Clamp(Normal(parents ? 37 : 40, parents ? 7 : 9), 22, 64));
            var ethnicity = partner?.EthnicCategory is { } shared && random.NextDouble() < 0.75 ? shared : Pick(parents ? ParentsEthnicity : StaffEthnicity);
            var answered = random.NextDouble() < 0.92; // the evaluation's demographic questions, asked at assessment
            var (marital, years) = partner is not null ? (partner.MaritalStatus, partner.RelationshipLengthYears) : (default(MaritalStatus?), default(int?));
            if (partner is null || !answered || marital is null)
            {
                marital = couple
                    ? Pick((MaritalStatus.Married, parents ? 0.82 : 0.58), (MaritalStatus.Cohabiting, parents ? 0.06 : 0.24), (MaritalStatus.CivilPartnership, 0.04),
                        (MaritalStatus.NonCohabitingPartners, 0.05), (MaritalStatus.SeparatedOrDivorced, 0.03), (MaritalStatus.PreferNotToSay, 0.02))
                    : Pick((MaritalStatus.Married, 0.40), (MaritalStatus.Cohabiting, 0.20), (MaritalStatus.NonCohabitingPartners, 0.15),
                        (MaritalStatus.SeparatedOrDivorced, 0.15), (MaritalStatus.NotInARelationship, 0.07), (MaritalStatus.PreferNotToSay, 0.03));
                years = marital == MaritalStatus.NotInARelationship ? null
                    : Math.Clamp(1 + (int)Math.Round(Math.Abs(Normal(0, parents ? 10 : 8))), 1, Math.Max(1, age - 19));
            }
            var person = new ReferralPerson
            {
                Role = role,
                FirstName = gender == "1" ? Pick(MaleNames) : Pick(FemaleNames),
                LastName = partner is not null && random.NextDouble() < 0.6 ? partner.LastName : Pick(Surnames),
                DateOfBirth = DateOnly.FromDateTime(now).AddYears(-age).AddDays(-random.Next(0, 365)),
                Email = $"history.client{number}.{(int)role}@example.com",
                Phone = $"07700{random.Next(900000, 999999)}",
                PreferredContact = random.NextDouble() < 0.55 ? PreferredContact.Phone : PreferredContact.Email,
                SafeContactTimes = Pick("Weekdays after 6pm", "Any time", "Lunchtimes", "Evenings and weekends"),
                MayLeaveMessages = random.NextDouble() < 0.75,
                Employer = !parents && role == PersonRole.Primary ? Pick(Employers) : null,
                JobRole = !parents && role == PersonRole.Primary ? Pick(JobRoles) : null,
                GenderIdentity = random.NextDouble() < 0.97 ? gender : null,
                EthnicCategory = random.NextDouble() < 0.96 ? ethnicity : null,
                MaritalStatus = answered ? marital : null,
                RelationshipLengthYears = answered ? years : null,
                HighestQualification = answered ? Pick(parents ? ParentsQualification : StaffQualification) : null,
                Employment = !answered ? null
                    : !parents && role == PersonRole.Primary ? Pick((Employment.FullTime, 0.78), (Employment.PartTime, 0.22))
                    : parents ? Pick((Employment.FullTime, 0.50), (Employment.PartTime, 0.28), (Employment.HomemakerOrCarer, 0.12), (Employment.Unemployed, 0.05), (Employment.Student, 0.02), (Employment.Other, 0.02), (Employment.PreferNotToSay, 0.01))
                    : Pick((Employment.FullTime, 0.62), (Employment.PartTime, 0.15), (Employment.HomemakerOrCarer, 0.08), (Employment.Unemployed, 0.04), (Employment.Student, 0.04), (Employment.UnableToWork, 0.02), (Employment.Retired, 0.02), (Employment.Other, 0.02), (Employment.PreferNotToSay, 0.01)),
                ConsentToService = true,
                ConsentToEvaluation = random.NextDouble() < (parents ? 0.82 : 0.86),
            };
            latent[person] = Latent.Draw(this, parents);
            return person;
        }

        // ---------------------------------------------------------------- the workflow

        public void Run(Referral referral, Programme programme, Fate fate)
        {
            var parents = programme.RequiresScreeningPanel;
            var t = WorkingHours(referral.ReceivedAtUtc.AddDays(random.Next(1, 4)));
            if (fate == Fate.NoContact)
            {
                for (var a = 0; a < Math.Max(1, programme.UnansweredAttemptsBeforeClosure); a++)
                {
                    referral.RecordContactAttempt(t, a % 2 == 0 ? ContactMethod.Phone : ContactMethod.Email, a % 2 == 0 ? ContactOutcome.NoAnswer : ContactOutcome.EmailSent, null, coordinator, t);
                    t = WorkingHours(t.AddDays(random.Next(2, 5)));
                }
                referral.CloseForNoResponse(programme, coordinator, t, "No reply to calls or emails.");
                return;
            }
            for (var a = random.Next(0, 3); a > 0; a--)
            {
                referral.RecordContactAttempt(t, ContactMethod.Phone, ContactOutcome.NoAnswer, null, coordinator, t);
                t = WorkingHours(t.AddDays(random.Next(1, 3)));
            }
            referral.RecordContactAttempt(t, ContactMethod.Phone, ContactOutcome.Spoke, null, coordinator, t);
            if (fate == Fate.Declined)
            {
                referral.Close(ClosureReason.DeclinedService, Pick("Decided not to go ahead for now.", "Found support elsewhere.", "Partner did not want to take part."), coordinator, t.AddMinutes(20));
                return;
            }
            t = t.AddHours(1);
            referral.StartScreening(coordinator, t);
            t = WorkingHours(t.AddDays(random.Next(1, 4)));
            var favourable = programme.Criteria.Where(c => c.IsActive).ToDictionary(c => c.Id, c => c.Kind == CriterionKind.Inclusion);
            if (fate == Fate.NotSuitableAtScreening)
            {
                var exclusions = programme.Criteria.Where(c => c.IsActive && c.Kind == CriterionKind.Exclusion).ToList();
                favourable[exclusions[random.Next(exclusions.Count)].Id] = true;
                referral.RecordScreening(programme, favourable, ScreeningOutcome.NotSuitable, "An exclusion criterion applies.", null, coordinator, t,
                    ClosureReason.MetExclusionCriterion, Signposting(SignpostingKind.DomesticAbuse, SignpostingKind.MentalHealth, SignpostingKind.Relationship));
                return;
            }
            referral.RecordScreening(programme, favourable, ScreeningOutcome.Accept, null, null, coordinator, t);
            if (parents)
            {
                t = WorkingHours(t.AddDays(random.Next(2, 8)));
                if (fate == Fate.NotSuitableAtReview)
                {
                    referral.ReviewSuitability(false, Pick("Conflict too entrenched: active court proceedings.", "Risk of coercive control described by the referrer."), supervisor, t,
                        ClosureReason.MetExclusionCriterion, Signposting(SignpostingKind.DomesticAbuse, SignpostingKind.Parenting));
                    return;
                }
                referral.ReviewSuitability(true, null, supervisor, t);
                t = WorkingHours(t.AddDays(random.Next(5, 15)));
                referral.PlaceOnWaitingList(coordinator, t, "Screening panel: accepted");
            }
            var waitingSince = t;
            if (fate == Fate.WithdrewWhileWaiting)
            {
                referral.Withdraw(Pick("No longer wants counselling.", "Things have improved; no longer needed.", "Moved out of the area."), coordinator, Before(WorkingHours(t.AddDays(random.Next(10, 45)))));
                return;
            }

            // Allocation: the least loaded therapist with room for the whole case; the case waits until someone has room.
            var desired = WorkingHours(waitingSince.AddDays(random.Next(parents ? 5 : 3, parents ? 30 : 22)));
            var (therapist, allocatedAt) = FindTherapist(desired, TypicalDays(programme, fate), now.AddDays(-3 - CaseDays(programme, fate)));
            if (therapist is null)
            {
                referral.Withdraw("Withdrew while waiting for a therapist.", coordinator, Before(WorkingHours(waitingSince.AddDays(random.Next(20, 50)))));
                return;
            }
            referral.Allocate([therapist.Id], coordinator, allocatedAt);
            var actor = new Actor(therapist.Id, therapist.DisplayName);
            RunCase(referral, programme, fate, actor, allocatedAt);
            Hold(therapist.Id, allocatedAt, referral.ClosedAtUtc ?? now);
        }

        private (StaffUser? Therapist, DateTime At) FindTherapist(DateTime desired, int days, DateTime latest)
        {
            var candidates = held.Values.SelectMany(h => h.Select(x => x.To)).Where(x => x > desired && x <= latest).Order().Prepend(desired);
            foreach (var at in candidates)
            {
                if (at > latest) break;
                var start = WorkingHours(at.AddHours(1));
                var end = start.AddDays(days);
                var free = therapists
                    .Select(th => (Therapist: th, Load: PeakLoad(th.Id, start, end)))
                    .Where(x => x.Load < (x.Therapist.CaseCapacity ?? 6))
                    .OrderBy(x => (double)x.Load / (x.Therapist.CaseCapacity ?? 6)).ThenBy(_ => random.Next())
                    .FirstOrDefault();
                if (free.Therapist is not null) return (free.Therapist, start);
            }
            return (null, desired);
        }

        /// <summary>The most cases the therapist holds at once between the two times.</summary>
        private int PeakLoad(string therapistId, DateTime from, DateTime to)
        {
            var overlapping = held[therapistId].Where(h => h.From < to && h.To > from).ToList();
            return overlapping.Select(h => h.From < from ? from : h.From)
                .Select(point => overlapping.Count(h => h.From <= point && h.To > point))
                .DefaultIfEmpty(0).Max();
        }

        private void RunCase(Referral referral, Programme programme, Fate fate, Actor therapist, DateTime allocatedAt)
        {
            var parents = programme.RequiresScreeningPanel;
            if (fate == Fate.NoAssessment)
            {
                referral.EndCase(EndingKind.Unplanned, EndingReason.Disengaged, "Did not attend the assessment appointments offered.",
                    Signposting(SignpostingKind.Relationship), therapist, WorkingHours(allocatedAt.AddDays(random.Next(10, 20))));
                return;
            }
            var referElsewhere = fate == Fate.EndedAfterAssessment && random.NextDouble() < 0.5;
            var at = WorkingHours(allocatedAt.AddDays(random.Next(3, 8)));
            var signedOff = at;
            var required = referral.RequiredAssessments(programme);
            foreach (var (kind, personId) in required)
            {
                var assessment = referral.StartAssessment(programme, kind, personId, therapist, at);
                assessment.HeldOn = DateOnly.FromDateTime(UkTime.ToLocal(at));
                assessment.Mode = random.NextDouble() < 0.55 ? SessionMode.Video : SessionMode.InPerson;
                assessment.PresentingIssue = Pick(Difficulties);
                assessment.RelationshipHistory = Pick("Together for some years; strains began after a change of work or the birth of a child.", "A long relationship with recurring arguments about money and family.", "Recently reunited after a separation; trust is fragile.");
                assessment.ExpectationsAgreed = parents ? "Weekly sessions; both parents to attend; questionnaires at the start and end." : "Weekly sessions of up to an hour; questionnaires at the start and end.";
                assessment.Goals = Pick("Argue less and resolve disagreements calmly.", "Communicate without blaming; share decisions about the children.", "Understand each other's point of view and rebuild trust.");
                assessment.Recommendation = referElsewhere ? AssessmentRecommendation.ReferElsewhere : AssessmentRecommendation.OfferTherapy;
                assessment.RecommendationNote = referElsewhere ? "Needs individual therapy first: signposted." : null;
                foreach (var area in Enum.GetValues<RiskArea>())
                {
                    assessment.RateRisk(area, random.NextDouble() < 0.12 ? RiskLevel.Low : RiskLevel.None, null);
                }
                assessment.Submit(therapist.UserId, at.AddHours(3));
                var decided = WorkingHours(at.AddDays(random.Next(1, 4)));
                assessment.SignOff(supervisor, null, decided);
                signedOff = decided > signedOff ? decided : signedOff;
                at = WorkingHours(at.AddDays(random.Next(2, 7)));
            }
            if (fate == Fate.EndedAfterAssessment)
            {
                referral.EndCase(referElsewhere ? EndingKind.Planned : EndingKind.Unplanned, referElsewhere ? EndingReason.ReferredElsewhere : EndingReason.Disengaged,
                    referElsewhere ? "Assessment: individual therapy needed first." : "Decided not to begin therapy after the assessment.",
                    Signposting(SignpostingKind.MentalHealth, SignpostingKind.Relationship), therapist, WorkingHours(signedOff.AddDays(random.Next(1, 6))));
                return;
            }
            var offeredAt = WorkingHours(signedOff.AddDays(1));
            referral.OfferTherapy(programme, therapist, offeredAt);

            var clients = referral.ClientType == ClientType.Couple ? SessionClients.Both : SessionClients.PrimaryOnly;
            var target = fate == Fate.EndedEarly
                ? random.Next(1, programme.MinSessions)
                : Math.Min(programme.MaxSessions, programme.MinSessions + (int)Math.Round(Math.Abs(Normal(0, parents ? 2.4 : 1.3))));
            var day = DateOnly.FromDateTime(UkTime.ToLocal(offeredAt)).AddDays(random.Next(4, 10));
            var slot = random.Next(Slots.Length);
            var attended = 0;
            var last = offeredAt;
            var diary = diaries[therapist.UserId];
            while (attended < target && referral.SessionsUsed < referral.SessionAllowance(programme))
            {
                var starts = Enumerable.Range(0, Slots.Length).Select(k => UkTime.ToUtc(day, Slots[(slot + k) % Slots.Length]) ?? day.ToDateTime(Slots[(slot + k) % Slots.Length]))
                    .FirstOrDefault(s => !diary.Any(b => !b.IsCancelled && b.Overlaps(s, 50)));
                if (starts == default) { day = day.AddDays(1); continue; }
                if (starts > now.AddDays(-2)) break;
                var online = random.NextDouble() < 0.55;
                var session = referral.ScheduleSession(programme, starts, 50, online ? SessionMode.Video : SessionMode.InPerson,
                    online ? null : "Counselling rooms, 1 High Street", therapist.UserId, null, clients, diary, therapist, starts.AddDays(-7) > offeredAt ? starts.AddDays(-7) : offeredAt);
                diary.Add(session);
                var draw = random.NextDouble();
                if (draw < 0.07)
                {
                    referral.RecordAttendance(session, AttendanceOutcome.DidNotAttend, null, null, therapist, starts.AddHours(1));
                }
                else if (draw < 0.12)
                {
                    referral.RecordAttendance(session, AttendanceOutcome.CancelledByClient, null, "Illness in the family.", therapist, starts.AddDays(-1));
                }
                else if (draw < 0.135)
                {
                    referral.RecordAttendance(session, AttendanceOutcome.CancelledByService, null, "Therapist unwell.", therapist, starts.AddDays(-1));
                }
                else
                {
                    var who = clients == SessionClients.Both && random.NextDouble() < 0.05 ? SessionClients.PrimaryOnly : clients;
                    referral.RecordAttendance(session, draw < 0.16 ? AttendanceOutcome.Late : AttendanceOutcome.Attended, who, null, therapist, starts.AddHours(1));
                    attended++;
                    last = starts;
                }
                day = day.AddDays(random.NextDouble() < 0.1 ? 14 : 7);
            }
            if (fate == Fate.EndedEarly || attended == 0)
            {
                referral.EndCase(EndingKind.Unplanned, Pick((EndingReason.Disengaged, 0.7), (EndingReason.MovedAway, 0.1), (EndingReason.Other, 0.2)),
                    "Stopped coming before the planned ending.", Signposting(SignpostingKind.Relationship), therapist, Before(WorkingHours(last.AddDays(random.Next(7, 15)))));
                return;
            }
            referral.EndCase(EndingKind.Planned, EndingReason.Completed, "Goals reviewed at the last session.",
                random.NextDouble() < 0.5 ? Signposting(parents ? SignpostingKind.Parenting : SignpostingKind.StaffWellbeing) : [], therapist, Before(last.AddHours(2)));
        }

        // ---------------------------------------------------------------- questionnaires

        public IEnumerable<QuestionnaireRequest> Questionnaires(Referral referral, Programme programme, Fate fate, Dictionary<(int, Timepoint), IReadOnlyList<Instrument>> given)
        {
            var firstAssessment = referral.Assessments.Where(a => a.HeldOn is not null).OrderBy(a => a.CreatedAtUtc).FirstOrDefault();
            if (firstAssessment is null || !given.TryGetValue((programme.Id, Timepoint.Intake), out var intakeSet)) yield break;
            var therapistId = referral.Allocations.OrderBy(a => a.Role).First().TherapistUserId;
            var therapist = new Actor(therapistId, therapists.First(t => t.Id == therapistId).DisplayName);
            var ended = referral.ClosedAtUtc ?? now;
            foreach (var person in referral.People)
            {
                var l = latent[person];
                // Intake: at the person's (or the couple's first) assessment, before therapy.
                if (random.NextDouble() < 0.9)
                {
                    var assessed = referral.Assessments.FirstOrDefault(a => a.PersonId == person.Id)?.CreatedAtUtc ?? firstAssessment.CreatedAtUtc;
                    yield return Sitting(referral, person, Timepoint.Intake, intakeSet, therapist, assessed, l, end: false, fate);
                }
                var endChance = fate switch { Fate.Completed => programme.RequiresScreeningPanel ? 0.8 : 0.72, Fate.EndedEarly => 0.2, _ => 0 };
                if (random.NextDouble() < endChance && given.TryGetValue((programme.Id, Timepoint.End), out var endSet))
                {
                    yield return Sitting(referral, person, Timepoint.End, endSet, therapist, ended, l, end: true, fate);
                }
            }
        }

        private QuestionnaireRequest Sitting(Referral referral, ReferralPerson person, Timepoint timepoint, IReadOnlyList<Instrument> instruments, Actor therapist,
            DateTime createdAt, Latent l, bool end, Fate fate)
        {
            var request = QuestionnaireRequest.Create(referral.Id, person.Id, timepoint, null, instruments, createdAt.AddDays(14), therapist, createdAt);
            var levels = end ? l.End(fate == Fate.Completed) : l.Intake;
            foreach (var response in request.Responses)
            {
                request.SaveAnswers(response, Answers(response.Definition, levels), createdAt);
            }
            if (end && random.NextDouble() < 0.55)
            {
                request.SaveFeedback(Pick(Comments.Concat(HistoryComments).ToArray()), mayQuote: random.NextDouble() < 0.7);
            }
            var online = random.NextDouble() < 0.7;
            request.Complete(online ? CompletionMode.Online : CompletionMode.EnteredByTherapist, online ? null : therapist,
                Before(createdAt.AddHours(online ? random.Next(2, 96) : 1)));
            // Risk answers: these cases are long closed; any alert they raised was dealt with at the time.
            return request;
        }

        /// <summary>Answers whose scores come out near the person's level for each measure (items spread around it, a few left out).</summary>
        private Dictionary<int, int> Answers(InstrumentDefinition definition, Levels levels)
        {
            var answers = new Dictionary<int, int>();
            switch (definition.Code)
            {
                case BuiltInInstruments.Core10:
                    answers[6] = levels.Risk > 0 && random.NextDouble() < 0.5 ? 1 : 0;
                    Spread(definition, [1, 2, 3, 4, 5, 7, 8, 9, 10], levels.Core10 - answers[6], answers);
                    if (random.NextDouble() < 0.06) answers.Remove(random.Next(1, 11));
                    if (random.NextDouble() < 0.01) answers.Remove(random.Next(1, 11));
                    break;
                case BuiltInInstruments.CoreRisk:
                    foreach (var item in definition.Items) answers[item.Number] = 0;
                    for (var r = 0; r < levels.Risk; r++)
                    {
                        var k = random.NextDouble() < 0.85 ? random.Next(1, 4) : 4;
                        answers[k] = Math.Min(4, answers[k] + 1);
                    }
                    break;
                case BuiltInInstruments.Csi4:
                    Spread(definition, [1, 2, 3, 4], levels.Csi4, answers);
                    if (random.NextDouble() < 0.02) answers.Remove(random.Next(1, 5));
                    break;
                case BuiltInInstruments.Argument:
                    Spread(definition, [1, 2], levels.Argument * 2, answers);
                    answers[3] = 0;
                    break;
                case BuiltInInstruments.Satisfaction:
                    foreach (var item in definition.Items)
                    {
                        var u = random.NextDouble();
                        answers[item.Number] = u < levels.Satisfied ? 1 : u < levels.Satisfied + (1 - levels.Satisfied) * 0.85 ? 2 : 3;
                    }
                    break;
                case BuiltInInstruments.NetPromoter:
                    answers[1] = Math.Clamp((int)Math.Round(levels.Recommend + Normal(0, 0.8)), 0, 10);
                    break;
                case CoupleCommunication:
                    Spread(definition, [1, 2, 3, 4, 5, 6, 7, 8], levels.Conflict, answers);
                    Spread(definition, [9, 10, 11, 12], levels.Violence * 5 - 1, answers); // item 13 (1: never) is in the mean too
                    answers[13] = 1;
                    if (random.NextDouble() < 0.04) answers.Remove(random.Next(1, 13));
                    break;
                default:
                    foreach (var item in definition.Items) answers[item.Number] = definition.OptionsFor(item).Min(o => o.Value);
                    break;
            }
            return answers;
        }

        /// <summary>Answers the items so that their (reverse-scored) sum is as near <paramref name="total"/> as the options allow.</summary>
        private void Spread(InstrumentDefinition definition, int[] items, double total, Dictionary<int, int> answers)
        {
            var bounds = items.Select(n => definition.Items.Single(i => i.Number == n))
                .Select(i => (Item: i, Low: definition.OptionsFor(i).Min(o => o.Value), High: definition.OptionsFor(i).Max(o => o.Value))).ToList();
            var target = (int)Math.Round(Math.Clamp(total, bounds.Sum(b => b.Low), bounds.Sum(b => b.High)));
            var scored = bounds.Select(b => Math.Clamp((int)Math.Round(b.Low + (b.High - b.Low) * ((double)(target - bounds.Sum(x => x.Low)) / Math.Max(1, bounds.Sum(x => x.High - x.Low))) + Normal(0, 0.6)), b.Low, b.High)).ToArray();
            for (var guard = 0; guard < 200 && scored.Sum() != target; guard++)
            {
                var k = random.Next(scored.Length);
                var step = scored.Sum() < target ? 1 : -1;
                scored[k] = Math.Clamp(scored[k] + step, bounds[k].Low, bounds[k].High);
            }
            for (var k = 0; k < bounds.Count; k++)
            {
                answers[bounds[k].Item.Number] = bounds[k].Item.Reverse ? bounds[k].Low + bounds[k].High - scored[k] : scored[k];
            }
        }

        /// <summary>A person's levels on each measure at intake, and how far they move by the end (some get worse).</summary>
        private sealed record Latent(Levels Intake, Levels Change, Levels Partial)
        {
            public static Latent Draw(History h, bool parents)
            {
                var risk = h.random.NextDouble() < (parents ? 0.3 : 0.22) ? h.random.Next(1, 4) : 0;
                var intake = new Levels(
                    Core10: Math.Clamp(h.Normal(parents ? 16.5 : 18, 6.2), 1, 38),
                    Risk: risk,
                    Csi4: Math.Clamp(h.Normal(9.5, 5), 0, 21),
                    Argument: Math.Clamp(h.Normal(1.4, 0.55), 0, 3),
                    Conflict: Math.Clamp(h.Normal(28, 6), 8, 40),
                    Violence: Math.Clamp(h.Normal(2.3, 0.6), 1, 5),
                    Satisfied: 0, Recommend: 0);
                var change = new Levels(
                    Core10: h.Normal(parents ? 7 : 8.5, 6),
                    Risk: risk > 0 ? h.random.Next(0, risk + 1) : 0,
                    Csi4: h.Normal(2.5, 4.5),
                    Argument: h.Normal(0.35, 0.5),
                    Conflict: h.Normal(4, 6),
                    Violence: h.Normal(0.5, 0.6),
                    Satisfied: Math.Clamp(h.Normal(0.8, 0.15), 0.3, 1),
                    Recommend: Math.Clamp(h.Normal(9, 1.5), 2, 10));
                var partial = change with
                {
                    Core10 = h.Normal(1.5, 5), Csi4 = h.Normal(0.5, 4), Argument = h.Normal(0.1, 0.5), Conflict = h.Normal(1, 5), Violence = h.Normal(0.1, 0.5),
                    Satisfied = Math.Clamp(h.Normal(0.55, 0.2), 0.1, 1), Recommend = Math.Clamp(h.Normal(7, 2), 0, 10),
                };
                return new Latent(intake, change, partial);
            }

            public Levels End(bool completed)
            {
                var c = completed ? Change : Partial;
                return new Levels(
                    Math.Clamp(Intake.Core10 - c.Core10, 0, 40), Math.Max(0, Intake.Risk - c.Risk), Math.Clamp(Intake.Csi4 + c.Csi4, 0, 21),
                    Math.Clamp(Intake.Argument - c.Argument, 0, 3), Math.Clamp(Intake.Conflict - c.Conflict, 8, 40), Math.Clamp(Intake.Violence - c.Violence, 1, 5),
                    c.Satisfied, c.Recommend);
            }
        }

        private sealed record Levels(double Core10, int Risk, double Csi4, double Argument, double Conflict, double Violence, double Satisfied, double Recommend);

        // ---------------------------------------------------------------- helpers

        private static readonly TimeOnly[] Slots = [new(18, 0), new(19, 15), new(17, 0), new(12, 30), new(10, 0), new(14, 0), new(20, 15)];

        private DateTime Before(DateTime t) => t < now.AddHours(-1) ? t : now.AddHours(-1 - random.Next(0, 48));

        /// <summary>The same moment, moved into 9:00–17:00 on a weekday.</summary>
        private DateTime WorkingHours(DateTime t)
        {
            while (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) t = t.AddDays(1);
            return t.Hour is >= 9 and < 17 ? t : t.Date.AddHours(9 + random.Next(0, 8)).AddMinutes(random.Next(0, 60));
        }

        private List<int> Signposting(params SignpostingKind[] kinds) =>
            signposting.Where(s => kinds.Contains(s.Kind)).Select(s => s.Id).Take(2).ToList();

        private double Normal(double mean, double sd)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
        }

        private T Pick<T>(params T[] values) => values[random.Next(values.Length)];

        private T Pick<T>(params (T Value, double Share)[] shares)
        {
            var draw = random.NextDouble() * shares.Sum(s => s.Share);
            foreach (var (value, share) in shares)
            {
                draw -= share;
                if (draw < 0) return value;
            }
            return shares[^1].Value;
        }

        // London NHS staff; the parents programme's borough (seed 001: about a fifth White, most Asian or Asian British).
        private static readonly (string, double)[] StaffEthnicity =
        [
            ("A", 0.38), ("B", 0.02), ("C", 0.10), ("D", 0.01), ("E", 0.01), ("F", 0.02), ("G", 0.01), ("H", 0.08), ("J", 0.03), ("K", 0.02),
            ("L", 0.04), ("M", 0.06), ("N", 0.10), ("P", 0.02), ("R", 0.02), ("S", 0.03), ("Z", 0.05),
        ];
        private static readonly (string, double)[] ParentsEthnicity =
        [
            ("A", 0.13), ("C", 0.08), ("F", 0.02), ("G", 0.02), ("H", 0.25), ("J", 0.12), ("K", 0.03), ("L", 0.12), ("M", 0.04), ("N", 0.08),
            ("S", 0.06), ("Z", 0.05),
        ];
        private static readonly (Qualification, double)[] StaffQualification =
        [
            (Qualification.Professional, 0.30), (Qualification.Undergraduate, 0.28), (Qualification.Postgraduate, 0.18), (Qualification.ALevel, 0.08),
            (Qualification.NvqOrEquivalent, 0.08), (Qualification.Gcse, 0.05), (Qualification.NoFormalQualifications, 0.01), (Qualification.Other, 0.01), (Qualification.PreferNotToSay, 0.01),
        ];
        private static readonly (Qualification, double)[] ParentsQualification =
        [
            (Qualification.Postgraduate, 0.30), (Qualification.Undergraduate, 0.28), (Qualification.ALevel, 0.13), (Qualification.Professional, 0.13),
            (Qualification.Gcse, 0.05), (Qualification.NvqOrEquivalent, 0.03), (Qualification.NoFormalQualifications, 0.03), (Qualification.Other, 0.05),
        ];

        private static readonly string[] FemaleNames = ["Amira", "Chloe", "Ella", "Grace", "Isla", "Kemi", "Maya", "Priya", "Sana", "Uma", "Zara", "Aisha", "Fatima", "Hannah", "Jess", "Lucy", "Nadia", "Ruth", "Sophie", "Wen"];
        private static readonly string[] MaleNames = ["Ben", "Dev", "Femi", "Hassan", "Jonah", "Liam", "Niall", "Olu", "Rory", "Tom", "Vik", "Yusuf", "Adam", "Kwame", "Marek", "Omar", "Raj", "Sam", "Tariq", "Will"];
        private static readonly string[] Surnames = ["Adeyemi", "Brown", "Chen", "Dawson", "Evans", "Fernandes", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Rahman", "Shah", "Taylor", "Usman", "Walsh", "Young", "Ahmed", "Begum", "Okafor", "Singh", "Smith", "Williams", "Kowalski"];
        private static readonly string[] JobRoles = ["Staff nurse", "Paramedic", "Junior doctor", "Healthcare assistant", "Social worker", "Physiotherapist", "Ward clerk", "Midwife", "Pharmacist", "Care worker", "Occupational therapist", "Radiographer"];
        private static readonly string[] Employers = ["Barts Health NHS Trust", "Guy's and St Thomas' NHS Foundation Trust", "London Ambulance Service", "Camden Council adult social care", "Imperial College Healthcare NHS Trust", "King's College Hospital NHS Foundation Trust", "North London Mental Health Partnership"];
        private static readonly string[] Difficulties =
        [
            "Communication has broken down and arguments are frequent.",
            "Shift work means we barely see each other; we argue whenever we do.",
            "We disagree about parenting and it spills over in front of the children.",
            "Trust has been damaged after an affair and we want to rebuild it.",
            "Since the baby arrived we feel like flatmates and argue about everything.",
            "Stress at work has come home; we keep having the same argument.",
        ];
        private static readonly string[] HistoryComments =
        [
            "Having someone neutral in the room helped us hear each other for the first time in months.",
            "We now take a break before an argument gets out of hand, and the children have noticed.",
            "The counsellor was warm and understood the pressure of working in the NHS.",
            "Online sessions after a late shift were a lifeline.",
            "Six sessions went quickly; we would have liked more, but we have tools to keep going.",
            "It helped me understand my part in our arguments without feeling blamed.",
            "We talk about the children's needs now rather than about who is right.",
        ];
    }
}
