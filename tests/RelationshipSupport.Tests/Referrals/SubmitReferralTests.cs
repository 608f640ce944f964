using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Referrals;

/// <summary>The SubmitReferral slice through the real mediator pipeline on real SQLite.</summary>
public sealed class SubmitReferralTests(TestApp app) : IClassFixture<TestApp>
{
    private static SubmitReferral.Command ValidSelfReferral() => new()
    {
        Route = ReferralRoute.SelfReferral,
        SubmissionId = Guid.NewGuid(),
        ProgrammeCode = "nhs-staff",
        HubCode = "sel-hub",
        ReferredByHub = false,
        ClientType = ClientType.Individual,
        Primary = new SubmitReferral.PersonInput
        {
            FirstName = "Robin",
            LastName = "Slicetest",
            DateOfBirth = new DateInput { Day = "3", Month = "11", Year = "1979" },
            Email = "robin.slice@example.com",
            Phone = "+44 7700 900 555",
            PreferredContact = PreferredContact.Email,
            MayLeaveMessages = false,
            Employer = "Guy's and St Thomas'",
            JobRole = "Porter",
        },
        Difficulty = "SECRET-DIFFICULTY-TEXT about our relationship",
        CounsellingKinds = [CounsellingKinds.Relationship, CounsellingKinds.Psychosexual],
        Availability = [Availability.WeekdayEvenings],
        Format = SessionFormat.NoPreference,
        DomesticAbuse = ScreeningAnswer.No,
        SevereMentalIllness = ScreeningAnswer.No,
        SubstanceMisuse = ScreeningAnswer.No,
        ConsentToService = true,
    };

    private static SubmitReferral.Command ValidProfessionalReferral() => new()
    {
        Route = ReferralRoute.Professional,
        SubmissionId = Guid.NewGuid(),
        ProgrammeCode = "parents-in-conflict",
        ClientType = ClientType.Couple,
        Primary = new SubmitReferral.PersonInput { FirstName = "Pat", LastName = "Parent", Email = "pat.parent@example.com", PreferredContact = PreferredContact.Email, MayLeaveMessages = true },
        Partner = new SubmitReferral.PersonInput { FirstName = "Chris", LastName = "Parent" },
        Children = [new() { FirstName = "Ali", Age = "6" }, new(), new() { FirstName = "Bo", Age = "11", LivesWithParents = false }],
        Difficulty = "Conflict about contact arrangements.",
        CounsellingKinds = [CounsellingKinds.CoParenting],
        Availability = [Availability.WeekdayAfternoons],
        Format = SessionFormat.InPerson,
        DomesticAbuse = ScreeningAnswer.No,
        SevereMentalIllness = ScreeningAnswer.No,
        SubstanceMisuse = ScreeningAnswer.No,
        ReferrerName = "Jo Worker",
        ReferrerRole = ReferrerRole.EarlySupport,
        ReferrerOrganisation = "Early Help",
        ReferrerEmail = "jo.worker@council.example",
        ReferrerPhone = "020 7946 0018",
        FamilyConsentConfirmed = true,
    };

    [Fact]
    public async Task A_self_referral_is_stored_with_normalised_contact_details_an_audit_entry_and_an_acknowledgement_in_the_outbox()
    {
        var command = ValidSelfReferral();

        var result = await app.SendAsync(command);

        Assert.True(result.Acknowledged);
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.People).Include(r => r.Hub).SingleAsync(r => r.Reference == result.Reference));
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(ReferralRoute.SelfReferral, referral.Route);
        Assert.Equal(CounsellingKinds.Relationship | CounsellingKinds.Psychosexual, referral.CounsellingKinds);
        Assert.Equal("07700900555", referral.Primary.Phone);
        Assert.Equal(new DateOnly(1979, 11, 3), referral.Primary.DateOfBirth);
        Assert.Equal("sel-hub", referral.Hub!.Code);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, referral.ReceivedAtUtc);
        Assert.False(referral.RiskFlag);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == result.Reference));
        Assert.Equal(AuditActions.ReferralCreated, audit.Action);
        Assert.Equal("127.0.0.1", audit.IpAddress);

        var mail = await app.QueryDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Subject.Contains(result.Reference)));
        Assert.Equal("robin.slice@example.com", mail.ToAddress);
        Assert.Contains(result.Reference, mail.BodyText);
        Assert.Contains("South East London Staff Wellbeing Hub", mail.BodyText);
        Assert.DoesNotContain("SECRET-DIFFICULTY-TEXT", mail.BodyText);
        Assert.DoesNotContain("Psychosexual", mail.BodyText);
    }

    [Fact]
    public async Task Sending_the_same_submission_twice_creates_one_referral_and_answers_the_same_reference()
    {
        var command = ValidSelfReferral();

        var first = await app.SendAsync(command);
        var second = await app.SendAsync(command);

        Assert.Equal(first.Reference, second.Reference);
        Assert.False(first.AlreadySubmitted);
        Assert.True(second.AlreadySubmitted);
        Assert.True(second.Acknowledged);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Referrals.CountAsync(r => r.SubmissionId == command.SubmissionId)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.Contains(first.Reference))));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_submission_create_one_referral()
    {
        var command = ValidSelfReferral();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => app.SendAsync(command))));

        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Equal(1, await app.QueryDbAsync(db => db.Referrals.CountAsync(r => r.SubmissionId == command.SubmissionId)));
    }

    [Fact]
    public async Task Any_screening_answer_other_than_no_flags_the_referral_for_a_coordinator()
    {
        var command = ValidSelfReferral();
        command.SubstanceMisuse = ScreeningAnswer.NotSure;

        var result = await app.SendAsync(command);

        Assert.True(result.RiskFlag);
        Assert.True(await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == result.Reference).Select(r => r.RiskFlag).SingleAsync()));
    }

    [Fact]
    public async Task A_self_referral_that_may_involve_domestic_abuse_is_not_emailed()
    {
        var command = ValidSelfReferral();
        command.DomesticAbuse = ScreeningAnswer.NotSure;

        var result = await app.SendAsync(command);

        Assert.False(result.Acknowledged);
        Assert.False(await app.QueryDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Subject.Contains(result.Reference))));
        Assert.False((await app.SendAsync(command)).Acknowledged);
    }

    [Fact]
    public async Task A_staff_member_sent_by_their_hub_is_recorded_as_a_hub_referral()
    {
        var command = ValidSelfReferral();
        command.ReferredByHub = true;

        var result = await app.SendAsync(command);

        Assert.Equal(ReferralRoute.StaffWellbeingHub, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == result.Reference).Select(r => r.Route).SingleAsync()));
    }

    [Fact]
    public async Task A_professional_referral_keeps_children_and_referrer_and_acknowledges_both_referrer_and_parent()
    {
        var result = await app.SendAsync(ValidProfessionalReferral());

        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.Children).Include(r => r.People).SingleAsync(r => r.Reference == result.Reference));
        Assert.Equal(2, referral.Children.Count);
        Assert.Contains(referral.Children, c => c is { FirstName: "Bo", AgeYears: 11, LivesWithReferredParents: false });
        Assert.Equal("02079460018", referral.ReferrerPhone);
        Assert.Equal(2, referral.People.Count);
        Assert.False(referral.Partner!.ConsentToEvaluation);
        var recipients = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(result.Reference)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["jo.worker@council.example", "pat.parent@example.com"], recipients.Order());
    }

    [Fact]
    public async Task When_domestic_abuse_may_be_present_the_household_is_not_emailed_but_the_referrer_is()
    {
        var command = ValidProfessionalReferral();
        command.DomesticAbuse = ScreeningAnswer.Yes;

        var result = await app.SendAsync(command);

        var recipients = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(result.Reference)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["jo.worker@council.example"], recipients);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_a_message_per_field_and_nothing_is_stored()
    {
        var command = ValidSelfReferral();
        command.Primary.FirstName = new string('x', 101);
        command.Primary.Email = "not-an-email";
        command.Primary.Phone = "12345";
        command.Primary.DateOfBirth = new DateInput { Day = "31", Month = "2", Year = "1990" };
        command.Difficulty = " ";
        command.ConsentToService = false;
        command.DomesticAbuse = null;

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(command));

        var errors = ex.Errors.ToDictionary(e => e.Property, e => e.Message);
        Assert.Equal("First name must be 100 characters or fewer", errors["Primary.FirstName"]);
        Assert.StartsWith("Enter the email address in the correct format", errors["Primary.Email"]);
        Assert.StartsWith("Enter the phone number in the correct format", errors["Primary.Phone"]);
        Assert.Equal("Date of birth must be a real date, like 27 3 1985", errors["Primary.DateOfBirth"]);
        Assert.Equal("Describe the difficulty you would like help with", errors["Difficulty"]);
        Assert.Contains("ConsentToService", errors.Keys);
        Assert.Contains("DomesticAbuse", errors.Keys);
        Assert.Equal(0, await app.QueryDbAsync(db => db.Referrals.CountAsync(r => r.SubmissionId == command.SubmissionId)));
    }

    [Theory]
    [InlineData("2030", "Date of birth must be in the past")]
    [InlineData("2015", "This service is for adults: the person referred must be 16 or over")]
    [InlineData("1890", "Date of birth must be after 1916")]
    public async Task Dates_of_birth_must_be_plausible_for_an_adult(string year, string message)
    {
        var command = ValidSelfReferral();
        command.Primary.DateOfBirth = new DateInput { Day = "1", Month = "6", Year = year };

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(command));

        Assert.Equal(message, Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public async Task A_couple_referral_needs_the_partners_name_and_agreement()
    {
        var command = ValidSelfReferral();
        command.ClientType = ClientType.Couple;

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(command));

        var properties = ex.Errors.Select(e => e.Property).ToHashSet();
        Assert.Equal(["Partner.FirstName", "Partner.LastName", "PartnerAgrees"], properties.Order());
    }

    [Fact]
    public async Task A_programme_that_does_not_take_self_referrals_refuses_one()
    {
        var command = ValidSelfReferral();
        command.ProgrammeCode = "parents-in-conflict";
        command.HubCode = null;

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(command));

        Assert.Equal("ProgrammeCode", Assert.Single(ex.Errors).Property);
    }

    [Fact]
    public async Task A_professional_referral_needs_the_referrer_the_familys_consent_and_a_child()
    {
        var command = ValidProfessionalReferral();
        command.ReferrerEmail = "jo@";
        command.FamilyConsentConfirmed = false;
        command.Children = [new(), new() { FirstName = "Kim", Age = "thirty" }];

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(command));

        var properties = ex.Errors.Select(e => e.Property).ToHashSet();
        Assert.Contains("ReferrerEmail", properties);
        Assert.Contains("FamilyConsentConfirmed", properties);
        Assert.Contains("Children[1].Age", properties);
    }
}
