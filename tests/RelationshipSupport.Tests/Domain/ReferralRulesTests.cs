using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Tests.Domain;

public sealed class ReferralRulesTests
{
    private static readonly DateTime Received = new(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void References_have_the_published_shape_and_do_not_repeat()
    {
        var references = Enumerable.Range(0, 20_000).Select(_ => ReferenceGenerator.New()).ToList();

        Assert.All(references, r => Assert.Matches("^RS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", r));
        Assert.Equal(references.Count, references.Distinct().Count());
        // Every letter of the alphabet is used, so the space really is 30^8.
        Assert.Equal(ReferenceGenerator.Alphabet.Length, references.SelectMany(r => r[3..].Replace("-", "", StringComparison.Ordinal)).Distinct().Count());
    }

    [Theory]
    [InlineData("rs 7kq4 2m9p", "RS-7KQ4-2M9P")]
    [InlineData("7KQ42M9P", "RS-7KQ4-2M9P")]
    [InlineData("RS-7KQ4-2M9P", "RS-7KQ4-2M9P")]
    [InlineData("RS-7KQ4-2M9", null)]
    [InlineData("RS-0KQ4-2M9P", null)]
    [InlineData("Smith", null)]
    public void Typed_references_are_normalised_or_rejected(string typed, string? expected) =>
        Assert.Equal(expected, ReferenceGenerator.Normalise(typed));

    [Theory]
    [InlineData("07700 900982", "07700900982")]
    [InlineData("+44 (0)7700 900982", "07700900982")]
    [InlineData("+44 7700 900982", "07700900982")]
    [InlineData("020 7946 0000", "02079460000")]
    [InlineData("0161-496-0000", "01614960000")]
    [InlineData("447700900982", "07700900982")]
    [InlineData("12345", null)]
    [InlineData("07700 900 982 1", null)]
    [InlineData("+1 202 555 0143", null)]
    [InlineData("09011 123456", null)]
    [InlineData("0770O 900982", null)]
    public void UK_phone_numbers_are_normalised_or_rejected(string typed, string? expected) =>
        Assert.Equal(expected, InputRules.NormaliseUkPhone(typed));

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("first.last+tag@nhs.net", true)]
    [InlineData("name@example", false)]
    [InlineData("name@@example.com", false)]
    [InlineData("name example@x.com", false)]
    [InlineData("name@example..com", false)]
    public void Email_addresses_are_checked_for_shape(string typed, bool valid) => Assert.Equal(valid, InputRules.IsEmail(typed));

    [Theory]
    [InlineData("29", "2", "2024", true)]
    [InlineData("29", "2", "2023", false)]
    [InlineData("31", "4", "1990", false)]
    [InlineData("0", "1", "1990", false)]
    [InlineData("1", "13", "1990", false)]
    [InlineData("1", "1", "90", false)]
    [InlineData("a", "1", "1990", false)]
    public void Impossible_dates_are_not_dates(string day, string month, string year, bool valid) =>
        Assert.Equal(valid, new DateInput { Day = day, Month = month, Year = year }.ToDate() is not null);

    [Fact]
    public void The_first_contact_attempt_moves_a_new_referral_to_contacting_and_records_who_and_when()
    {
        var referral = new Referral { ReceivedAtUtc = Received };
        var stamp = referral.ConcurrencyStamp;

        var attempt = referral.RecordContactAttempt(Received.AddDays(1), ContactMethod.Phone, ContactOutcome.NoAnswer, "  ", new Actor("user-1", "Test user"), Received.AddDays(1));

        Assert.Equal(ReferralStatus.Contacting, referral.Status);
        Assert.Equal(Received.AddDays(1), referral.LastContactAtUtc);
        Assert.Null(attempt.Note);
        Assert.Equal("user-1", attempt.RecordedByUserId);
        Assert.NotEqual(stamp, referral.ConcurrencyStamp);
    }

    [Fact]
    public void Contact_attempts_cannot_be_in_the_future_before_the_referral_or_on_a_closed_referral()
    {
        var referral = new Referral { ReceivedAtUtc = Received };
        var now = Received.AddDays(2);

        Assert.Throws<DomainException>(() => referral.RecordContactAttempt(now.AddHours(1), ContactMethod.Phone, ContactOutcome.Spoke, null, new Actor("u", "Test user"), now));
        Assert.Throws<DomainException>(() => referral.RecordContactAttempt(Received.AddDays(-1), ContactMethod.Phone, ContactOutcome.Spoke, null, new Actor("u", "Test user"), now));
        referral.Status = ReferralStatus.Withdrawn;
        Assert.Throws<DomainException>(() => referral.RecordContactAttempt(now, ContactMethod.Phone, ContactOutcome.Spoke, null, new Actor("u", "Test user"), now));
        Assert.Empty(referral.ContactAttempts);
    }

    [Theory]
    [InlineData(ScreeningAnswer.No, ScreeningAnswer.No, ScreeningAnswer.No, false)]
    [InlineData(ScreeningAnswer.Yes, ScreeningAnswer.No, ScreeningAnswer.No, true)]
    [InlineData(ScreeningAnswer.No, ScreeningAnswer.NotSure, ScreeningAnswer.No, true)]
    [InlineData(ScreeningAnswer.No, ScreeningAnswer.No, ScreeningAnswer.Yes, true)]
    public void Risk_is_flagged_by_any_answer_other_than_no(ScreeningAnswer da, ScreeningAnswer smi, ScreeningAnswer sub, bool flagged) =>
        Assert.Equal(flagged, Referral.IndicatesRisk(da, smi, sub));

    [Fact]
    public void Age_in_days_counts_UK_calendar_days()
    {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        var referral = new Referral { ReceivedAtUtc = new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc) };

        Assert.Equal(0, referral.AgeInDays(new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(1, referral.AgeInDays(new DateTime(2026, 7, 1, 23, 30, 0, DateTimeKind.Utc)));
        // In winter London is on UTC.
        Assert.Equal(2, new Referral { ReceivedAtUtc = new DateTime(2026, 12, 1, 23, 30, 0, DateTimeKind.Utc) }.AgeInDays(new DateTime(2026, 12, 3, 0, 30, 0, DateTimeKind.Utc)));
    }
}
