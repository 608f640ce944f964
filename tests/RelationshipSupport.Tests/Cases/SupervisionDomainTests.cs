using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Tests.Cases;

/// <summary>The case's rules for supervision records and note changes, without the app.</summary>
public sealed class SupervisionDomainTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly Actor Supervisor = new("sup", "Supervisor", IsSupervisor: true);

    private static Referral Case(ReferralStatus status = ReferralStatus.InTherapy) => new() { Status = status };

    [Fact]
    public void A_supervisor_records_supervision_held_today_or_earlier_on_an_open_case()
    {
        var referral = Case();

        var record = referral.RecordSupervision(Today.AddDays(-3), "  Goals  ", " ", Supervisor, Today, Now);

        Assert.Equal(("Goals", (string?)null, Today.AddDays(-3), "sup"), (record.Points, record.Actions, record.HeldOn, record.SupervisorUserId));
        Assert.Equal("The date of the supervision must be today or in the past.",
            Assert.Throws<DomainException>(() => referral.RecordSupervision(Today.AddDays(1), "Goals", null, Supervisor, Today, Now)).Message);
        Assert.Equal("Only a supervisor can record supervision.",
            Assert.Throws<DomainException>(() => referral.RecordSupervision(Today, "Goals", null, new Actor("t", "Therapist"), Today, Now)).Message);
        Assert.Equal("Enter the points discussed.",
            Assert.Throws<DomainException>(() => referral.RecordSupervision(Today, " ", null, Supervisor, Today, Now)).Message);
        Assert.Throws<DomainException>(() => Case(ReferralStatus.Ended).RecordSupervision(Today, "Goals", null, Supervisor, Today, Now));
    }

    [Fact]
    public void A_note_of_an_ended_case_cannot_be_changed_even_by_its_author_within_the_window()
    {
        var referral = Case(ReferralStatus.Ended);
        var note = new CaseNote { AuthorUserId = "t", Text = "Original", CreatedAtUtc = Now };
        referral.Notes.Add(note);

        var refused = Assert.Throws<DomainException>(() => referral.EditNote(note, "Changed", new Actor("t", "Therapist"), Now.AddHours(1)));

        Assert.Equal("This case has ended: add an addendum to the note instead.", refused.Message);
        Assert.Equal("Original", note.Text);
        Assert.Throws<DomainException>(() => Case().EditNote(note, "Changed", new Actor("t", "Therapist"), Now));
    }
}
