using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;

namespace RelationshipSupport.TestSupport;

/// <summary>Valid referral commands for tests that need referrals to work on (triage and later steps).</summary>
public static class TestReferrals
{
    /// <summary>A last name no other test uses, so a search for it finds only this test's referrals.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    /// <summary>
    /// A couple's referral: a staff self-referral, or with <paramref name="professional"/> a social worker's referral of
    /// parents; with <paramref name="risk"/> the domestic abuse question is answered "not sure", which flags it.
    /// </summary>
    public static SubmitReferral.Command Couple(string lastName, string firstName = "Alex", bool professional = false, bool risk = false, string? partnerLastName = null)
    {
        var command = new SubmitReferral.Command
        {
            Route = professional ? ReferralRoute.Professional : ReferralRoute.SelfReferral,
            SubmissionId = Guid.NewGuid(),
            ProgrammeCode = professional ? ReferenceDataSeeder.ParentsInConflict : ReferenceDataSeeder.NhsStaff,
            HubCode = professional ? "la-childrens-social-care" : "nel-hub",
            ReferredByHub = professional ? null : false,
            ClientType = ClientType.Couple,
            Primary = new SubmitReferral.PersonInput
            {
                FirstName = firstName,
                LastName = lastName,
                DateOfBirth = new DateInput { Day = "14", Month = "2", Year = "1986" },
                Email = "client@example.com",
                Phone = "07700 900982",
                PreferredContact = PreferredContact.Phone,
                SafeContactTimes = "Weekdays after 7pm, never at work",
                MayLeaveMessages = false,
                Employer = professional ? null : "Barts Health NHS Trust",
                JobRole = professional ? null : "Staff nurse",
            },
            Partner = new SubmitReferral.PersonInput { FirstName = "Jordan", LastName = partnerLastName ?? lastName },
            PartnerAgrees = true,
            Difficulty = "We argue about shifts and childcare.\nWe have stopped talking about anything else.",
            CounsellingKinds = [professional ? CounsellingKinds.CoParenting : CounsellingKinds.Relationship],
            Availability = [Availability.WeekdayEvenings],
            Format = SessionFormat.Online,
            DomesticAbuse = risk ? ScreeningAnswer.NotSure : ScreeningAnswer.No,
            SevereMentalIllness = ScreeningAnswer.No,
            SubstanceMisuse = ScreeningAnswer.No,
            ConsentToService = true,
            ConsentToEvaluation = true,
        };
        if (professional)
        {
            command.ReferrerName = "Sam Socialworker";
            command.ReferrerRole = ReferrerRole.SocialWorker;
            command.ReferrerOrganisation = "Borough Children's Services";
            command.ReferrerEmail = "sam.sw@borough.example";
            command.ReferrerPhone = "020 7946 0011";
            command.FamilyConsentConfirmed = true;
            command.Children = [new SubmitReferral.ChildInput { FirstName = "Kid", Age = "7" }];
        }
        return command;
    }
}
