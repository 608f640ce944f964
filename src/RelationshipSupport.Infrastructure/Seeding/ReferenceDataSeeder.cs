using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Reference data every installation needs: the staff roles, and the two programmes and their hubs with
/// stable codes. Idempotent: adds what is missing and never overwrites what an administrator changed.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public const string NhsStaff = "nhs-staff";
    public const string ParentsInConflict = "parents-in-conflict";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var existing = await db.Programmes.Include(p => p.Hubs).ToDictionaryAsync(p => p.Code, cancellationToken);
        foreach (var programme in Programmes())
        {
            if (!existing.TryGetValue(programme.Code, out var current))
            {
                db.Programmes.Add(programme);
                continue;
            }
            foreach (var hub in programme.Hubs.Where(h => current.Hubs.All(c => c.Code != h.Code)))
            {
                current.Hubs.Add(hub);
            }
            if (!await db.ProgrammeCriteria.AnyAsync(c => c.ProgrammeId == current.Id, cancellationToken))
            {
                current.Criteria.AddRange(programme.Criteria);
            }
        }
        if (!await db.SignpostingEntries.AnyAsync(cancellationToken))
        {
            db.SignpostingEntries.AddRange(Signposting());
        }
        await db.SaveChangesAsync(cancellationToken);
        await SeedInstrumentsAsync(cancellationToken);
    }

    /// <summary>
    /// The built-in questionnaires (version 1 of each, when the code is missing) and each programme's default
    /// schedule (only for a programme with none: an administrator's choices are never overwritten).
    /// </summary>
    private async Task SeedInstrumentsAsync(CancellationToken cancellationToken)
    {
        var codes = await db.Instruments.Select(i => i.Code).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var code in BuiltInInstruments.Codes.Except(codes, StringComparer.OrdinalIgnoreCase))
        {
            var json = BuiltInInstruments.Json(code);
            db.Instruments.Add(Instrument.From(InstrumentDefinition.Parse(json), json, version: 1, builtIn: true, "Built in", now));
        }

        var scheduled = await db.ProgrammeInstruments.Select(p => p.ProgrammeId).Distinct().ToListAsync(cancellationToken);
        var programmes = await db.Programmes.Where(p => !scheduled.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var programme in programmes)
        {
            db.ProgrammeInstruments.AddRange(DefaultSchedule(programme));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// What each programme gives by default: CORE-10 with the CORE-OM risk items and CSI-4 at intake and end; the
    /// parents programme adds the argument items, and the service satisfaction questionnaire at the end (seed 001);
    /// the staff programme asks the Net Promoter question at the end (seed 000).
    /// </summary>
    public static IEnumerable<ProgrammeInstrument> DefaultSchedule(Programme programme)
    {
        List<string> common = [BuiltInInstruments.Core10, BuiltInInstruments.CoreRisk, BuiltInInstruments.Csi4];
        var parents = programme.Code == ParentsInConflict;
        List<string> intake = parents ? [.. common, BuiltInInstruments.Argument] : common;
        List<string> end = parents ? [.. intake, BuiltInInstruments.Satisfaction] : [.. common, BuiltInInstruments.NetPromoter];
        return intake.Select((code, i) => (code, Timepoint.Intake, i))
            .Concat(end.Select((code, i) => (code, Timepoint.End, i)))
            .Select(x => new ProgrammeInstrument { ProgrammeId = programme.Id, InstrumentCode = x.code, Timepoint = x.Item2, SortOrder = x.i });
    }

    /// <summary>A starting signposting directory: national services every programme can point to.</summary>
    public static IReadOnlyList<SignpostingEntry> Signposting() =>
    [
        Entry("Samaritans", SignpostingKind.Crisis, "National", "116 123", "jo@samaritans.org", "https://www.samaritans.org",
            "Anyone in distress or thinking about suicide, any time of day or night."),
        Entry("NHS 111 (mental health option)", SignpostingKind.Crisis, "England", "111", null, "https://111.nhs.uk",
            "Urgent mental health help when it is not an emergency; choose the mental health option."),
        Entry("National Domestic Abuse Helpline (Refuge)", SignpostingKind.DomesticAbuse, "National", "0808 2000 247", null, "https://www.nationaldahelpline.org.uk",
            "Free, confidential support for anyone experiencing domestic abuse, 24 hours a day."),
        Entry("Respect Phoneline", SignpostingKind.DomesticAbuse, "National", "0808 802 4040", "info@respectphoneline.org.uk", "https://respectphoneline.org.uk",
            "For people worried about their own abusive behaviour towards a partner."),
        Entry("Men's Advice Line", SignpostingKind.DomesticAbuse, "National", "0808 8010 327", "info@mensadviceline.org.uk", "https://mensadviceline.org.uk",
            "Men experiencing domestic abuse from a partner or family member."),
        Entry("NHS Talking Therapies", SignpostingKind.MentalHealth, "England", null, null, "https://www.nhs.uk/nhs-services/mental-health-services/find-nhs-talking-therapies-for-anxiety-and-depression/",
            "Anxiety or depression that needs individual therapy: people can refer themselves."),
        Entry("Frank", SignpostingKind.SubstanceMisuse, "National", "0300 123 6600", null, "https://www.talktofrank.com",
            "Confidential advice about drugs and alcohol, and finding local treatment services."),
        Entry("Relate", SignpostingKind.Relationship, "National", "0300 003 0396", null, "https://www.relate.org.uk",
            "Relationship counselling outside this programme, including longer-term work."),
        Entry("Family Lives", SignpostingKind.Parenting, "National", "0808 800 2222", null, "https://www.familylives.org.uk",
            "Parenting and family support, including separation and co-parenting."),
        Entry("Citizens Advice", SignpostingKind.MoneyAndLegal, "National", "0800 144 8848", null, "https://www.citizensadvice.org.uk",
            "Money, debt, housing and legal worries that add pressure to a relationship."),
        Entry("Your Staff Wellbeing Hub", SignpostingKind.StaffWellbeing, "London", null, null, null,
            "NHS and social care staff: the hub offers wellbeing support, psychological therapies and peer support."),
    ];

    private static SignpostingEntry Entry(string name, SignpostingKind kind, string area, string? phone, string? email, string? website, string whenToUse) => new()
    {
        Name = name,
        Kind = kind,
        Area = area,
        Phone = phone,
        Email = email,
        Website = website,
        WhenToUse = whenToUse,
    };

    private static List<ProgrammeCriterion> Criteria(string[] inclusion, string[] exclusion) =>
        inclusion.Select((c, i) => Criterion(CriterionKind.Inclusion, c, i))
            .Concat(exclusion.Select((c, i) => Criterion(CriterionKind.Exclusion, c, i)))
            .ToList();

    private static ProgrammeCriterion Criterion(CriterionKind kind, string text, int order)
    {
        var parts = text.Split(" | ", 2);
        return new ProgrammeCriterion { Kind = kind, Text = parts[0], HelpText = parts.Length > 1 ? parts[1] : null, SortOrder = order };
    }

    public static IReadOnlyList<Programme> Programmes() =>
    [
        new Programme
        {
            Code = NhsStaff,
            Name = "Relationship support for NHS and social care staff",
            Commissioner = "Health Education England",
            ContractStart = new DateOnly(2026, 4, 1),
            ContractEnd = new DateOnly(2027, 3, 31),
            ReportStyle = ReportStyle.Hee,
            AcceptsSelfReferrals = true,
            AcceptsProfessionalReferrals = false,
            RequiresScreeningPanel = false,
            MinSessions = 4,
            MaxSessions = 6,
            MaxSessionMinutes = 60,
            WhatHappensNext = "A coordinator will contact you within 5 working days, at the times you told us are safe, to arrange an assessment with a relationship counsellor. After the assessment you can have up to six sessions of up to an hour, online or in person, including evenings.",
            ContactEmail = "staff-support@relationship-support.example",
            ContactPhone = "020 7946 0100",
            UnansweredAttemptsBeforeClosure = 3,
            Criteria = Criteria(
                [
                    "Works in the NHS or social care in London | Employed, bank or agency staff of an NHS organisation or a social care provider in the commissioned area.",
                    "Aged 18 or over",
                    "Difficulties in a couple, family or sexual relationship are the main concern",
                ],
                [
                    "Current domestic abuse or coercive control | Ongoing abuse by or towards a partner: signpost to a specialist domestic abuse service instead.",
                    "Severe mental illness needing secondary care | For example psychosis or an eating disorder under a community mental health team.",
                    "Current unmanaged drug or alcohol misuse",
                ]),
            Hubs =
            [
                Hub("nel-hub", "North East London Staff Wellbeing Hub", "North East London", "0207 946 0201"),
                Hub("ncl-hub", "North Central London Staff Wellbeing Hub", "North Central London", "0207 946 0202"),
                Hub("nwl-hub", "North West London Staff Wellbeing Hub", "North West London", "0207 946 0203"),
                Hub("sel-hub", "South East London Staff Wellbeing Hub", "South East London", "0207 946 0204"),
                Hub("swl-hub", "South West London Staff Wellbeing Hub", "South West London", "0207 946 0205"),
            ],
        },
        new Programme
        {
            Code = ParentsInConflict,
            Name = "Parents in conflict",
            Commissioner = "Department for Work and Pensions (Reducing Parental Conflict)",
            ContractStart = new DateOnly(2026, 4, 1),
            ContractEnd = new DateOnly(2027, 3, 31),
            ReportStyle = ReportStyle.Dwp,
            AcceptsSelfReferrals = false,
            AcceptsProfessionalReferrals = true,
            RequiresScreeningPanel = true,
            IndividualAssessmentsForCouples = true,
            MinSessions = 6,
            MaxSessions = 10,
            MaxSessionMinutes = 60,
            WhatHappensNext = "The Head of Service reviews every referral within 10 working days and a screening panel considers whether the programme is right for the family. We will contact the parents, and you, with the outcome. If the family is offered a place, each parent has an individual assessment and the couple a joint one before 6 to 10 sessions.",
            ContactEmail = "parents@relationship-support.example",
            ContactPhone = "020 7946 0300",
            UnansweredAttemptsBeforeClosure = 4,
            Criteria = Criteria(
                [
                    "Couples with children",
                    "Mild to moderate inter-parental conflict",
                    "Mental health difficulties and/or learning difficulties | Learning difficulties means the capacity to live independently and to understand spoken language well enough to take part in therapy.",
                    "From the borough's diverse community | Originally Black and minority ethnic groups; widened at the local authority's request.",
                ],
                [
                    "On-going domestic violence or coercive controlling behaviour | Current violence, or any history of coercive control.",
                    "Severe mental health problems",
                    "Current unmanaged drug or alcohol misuse",
                    "Engaged in active court proceedings | Added during the programme: couples in proceedings were not able to engage.",
                ]),
            Hubs =
            [
                Hub("la-early-help", "Local authority Early Help team", "Borough-wide", "020 7946 0301", HubKind.LocalAuthority),
                Hub("la-childrens-social-care", "Children's social care", "Borough-wide", "020 7946 0302", HubKind.LocalAuthority),
            ],
        },
    ];

    private static Hub Hub(string code, string name, string area, string phone, HubKind kind = HubKind.StaffWellbeingHub) => new()
    {
        Kind = kind,
        Code = code,
        Name = name,
        Area = area,
        Phone = phone,
        Email = $"{code}@wellbeing-hubs.example",
    };
}
