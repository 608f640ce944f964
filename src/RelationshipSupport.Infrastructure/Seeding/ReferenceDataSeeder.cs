using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Infrastructure.Seeding;

/// <summary>
/// Reference data every installation needs: the staff roles, and the two programmes and their hubs with
/// stable codes. Idempotent: adds what is missing and never overwrites what an administrator changed.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, RoleManager<IdentityRole> roles)
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
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IReadOnlyList<Programme> Programmes() =>
    [
        new Programme
        {
            Code = NhsStaff,
            Name = "Relationship support for NHS and social care staff",
            Commissioner = "Health Education England",
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
            ReportStyle = ReportStyle.Dwp,
            AcceptsSelfReferrals = false,
            AcceptsProfessionalReferrals = true,
            RequiresScreeningPanel = true,
            MinSessions = 6,
            MaxSessions = 10,
            MaxSessionMinutes = 60,
            WhatHappensNext = "The Head of Service reviews every referral within 10 working days and a screening panel considers whether the programme is right for the family. We will contact the parents, and you, with the outcome. If the family is offered a place, each parent has an individual assessment and the couple a joint one before 6 to 10 sessions.",
            ContactEmail = "parents@relationship-support.example",
            ContactPhone = "020 7946 0300",
            Hubs =
            [
                Hub("la-early-help", "Local authority Early Help team", "Borough-wide", "020 7946 0301"),
                Hub("la-childrens-social-care", "Children's social care", "Borough-wide", "020 7946 0302"),
            ],
        },
    ];

    private static Hub Hub(string code, string name, string area, string phone) => new()
    {
        Code = code,
        Name = name,
        Area = area,
        Phone = phone,
        Email = $"{code}@wellbeing-hubs.example",
    };
}
