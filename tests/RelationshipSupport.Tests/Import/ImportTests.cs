using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Import;

/// <summary>
/// The import of past data through the mediator on real SQLite: the example file (docs/examples/import-example.csv)
/// imports and the report figures count it as worked out by hand; a file with errors lists each by line and stores
/// nothing; the same file twice adds nothing; a later file repeating a case id skips that case.
/// </summary>
public sealed class ImportTests : IDisposable
{
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_example_file_imports_and_the_report_figures_count_it()
    {
        var outcome = await ImportSteps.ImportAsync(app, ImportSteps.Example(), fileName: "import-example.csv");

        Assert.Empty(outcome.Errors);
        Assert.True(outcome.Succeeded);
        // 3 referrals; people 2 + 1 + 2; assessments joint (C1001) and individual (C1002); sessions 7 + 3;
        // scores 8 for C1001 (2 people × 2 measures × intake and end) and 1 for C1002; sittings 2 × 2 + 1.
        Assert.Equal(new ImportCounts(3, 5, 2, 10, 9, 5), outcome.Counts);

        var referrals = await app.QueryDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.People).Where(r => r.ImportBatchId == outcome.BatchId)
            .OrderBy(r => r.ExternalCaseId).ToListAsync());
        Assert.Equal(["C1001", "C1002", "C1003"], referrals.Select(r => r.ExternalCaseId));
        Assert.All(referrals, r => Assert.Equal(r.Reference, ReferenceGenerator.Normalise(r.Reference)));
        Assert.Equal([ReferralStatus.Ended, ReferralStatus.Ended, ReferralStatus.NotSuitable], referrals.Select(r => r.Status));
        Assert.Equal((EndingReason.Completed, EndingKind.Planned), (referrals[0].EndingReason!.Value, referrals[0].EndingKind!.Value));
        Assert.Equal(ClosureReason.RiskTooHigh, referrals[2].ClosureReason);
        // Names given in the file are kept; where none is given, a neutral placeholder naming the case.
        Assert.Equal(["Alex Example", "Sam Example"], referrals[0].People.OrderBy(p => p.Role).Select(p => p.FullName));
        Assert.Equal("Imported C1002-1", referrals[1].People.Single().FullName);
        var sam = referrals[0].People.Single(p => p.Role == PersonRole.Partner);
        Assert.Equal((new DateOnly(1983, 7, 1), MaritalStatus.Married, 12, Qualification.ALevel, Employment.FullTime, true),
            (sam.DateOfBirth!.Value, sam.MaritalStatus!.Value, sam.RelationshipLengthYears!.Value, sam.HighestQualification!.Value, sam.Employment!.Value, sam.ConsentToEvaluation));

        using var scope = app.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<ReportFiguresBuilder>()
            .BuildAsync(ImportSteps.Programme, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31), CancellationToken.None);

        Assert.Equal(3, figures.ReferralsTotal);
        Assert.Equal(
            [("Self-referral (web form)", 1), ("Staff Wellbeing Hub", 1), ("Professional referral", 1)],
            figures.ReferralsByRoute.Select(r => (r.Label, r.Count)));
        // Seen: both partners of C1001 (sessions for both, a joint assessment) and the client of C1002.
        Assert.Equal(new Headline(3, 1, 2, 1), figures.Headline);
        // C1001: 4 attended + 1 late, 1 did not attend, 1 cancelled by the client; C1002: 1 attended, 1 did not attend,
        // 1 cancelled by the service. Offered leaves out the service's cancellation: 10 − 1.
        var s = figures.Sessions;
        Assert.Equal((9, 6, 2, 1, 1), (s.Offered, s.Attended, s.DidNotAttend, s.CancelledByClient, s.CancelledByService));
        Assert.Equal(25.0, s.DidNotAttendRate!.Value, 10); // 2 ÷ (6 + 2)
        Assert.Equal(1, s.CompletedCases); // C1001 ended as completed; C1002 disengaged
        Assert.Equal(5.0, s.SessionsPerCompletedCase.Mean!.Value, 10);

        // Outcomes: consented participants only (C1002's client declined evaluation).
        var core10 = figures.Measures.Single(m => m.InstrumentCode == "CORE-10");
        Assert.Equal((2, 20.0), (core10.Intake.N, core10.Intake.Mean!.Value));   // 22, 18
        Assert.Equal((2, 10.5), (core10.End.N, core10.End.Mean!.Value));         // 9, 12
        Assert.Equal((2, 9.5), (core10.Paired.N, core10.Paired.Difference.Mean!.Value)); // 13, 6
        var csi4 = figures.Measures.Single(m => m.InstrumentCode == "CSI-4");
        Assert.Equal((2, 9.0, 2, 14.5), (csi4.Intake.N, csi4.Intake.Mean!.Value, csi4.End.N, csi4.End.Mean!.Value));

        Assert.Equal(
            [("Referred", 3), ("Not suitable (met exclusion criteria)", 1), ("Offered the service", 2), ("Assessed", 2), ("Entered the intervention", 2),
             ("Usable intake questionnaire", 3), ("Post-therapy questionnaire", 2), ("Refused consent for analysis", 0), ("Pre and post with consent", 2)],
            figures.Flow.Select(f => (f.Label, f.Count)));
        // Gender of those seen: two women (code 2), one man (code 1).
        Assert.Equal([("Male (including trans man)", 1), ("Female (including trans woman)", 2)],
            figures.Demographics.Gender.Rows.Select(r => (r.Label, r.Count)));

        var audit = await app.QueryDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ImportCompleted));
        Assert.Equal("programme=nhs-staff; referrals=3; people=5; assessments=2; sessions=10; scores=9; skipped-cases=0", audit.Detail);
        Assert.DoesNotContain("Example", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_every_error_with_its_line_and_stores_nothing()
    {
        var before = await ImportSteps.CountAsync(app);
        var file = ImportSteps.File(
            "record=referral;case_id=A1;received_date=2025-02-30;route=self;client_type=couple;status=ended;reason=completed;end_date=2025-06-01", // line 2
            "record=referral;case_id=A2;received_date=2025-01-10;route=carrier pigeon;client_type=individual;status=ended;reason=completed;end_date=2099-01-01", // line 3
            "record=person;case_id=A2;person=1;gender=7;ethnic_category=A;marital_status=Engaged",                                                   // line 4
            "record=session;case_id=A9;date=2025-03-01;time=10:00;attendance=attended",                                                             // line 5
            "record=score;case_id=A3;person=1;instrument=CORE-10;timepoint=intake;date=2025-03-01;value=41",                                        // line 6
            "record=referral;case_id=A3;received_date=2025-01-10;route=hub;client_type=individual;status=ended;reason=completed;end_date=2025-06-01", // line 7
            "record=person;case_id=A3;person=1;consent_to_evaluation=yes",                                                                        // line 8
            "record=session;case_id=A3;date=2025-03-01;time=10:00;attendance=attended",                                                             // line 9
            "record=session;case_id=A3;date=2025-03-01;time=10:00;attendance=attended",                                                             // line 10
            "record=score;case_id=A3;person=1;instrument=PHQ-99;timepoint=intake;date=2025-03-01;value=3",                                         // line 11
            "record=visit;case_id=A3;date=2025-03-01");                                                                                            // line 12

        var outcome = await ImportSteps.ImportAsync(app, file);

        Assert.Equal(
        [
            "line 2 (case A1, record referral): the date the referral was received (received_date) \"2025-02-30\" is not a date: write it as YYYY-MM-DD or DD/MM/YYYY",
            "line 3 (case A2, record referral): the date the case ended or closed (end_date) 2099-01-01 is in the future",
            "line 3 (case A2, record referral): unknown route \"carrier pigeon\" (self, hub, professional or coordinator)",
            "line 4 (case A2, record person): unknown gender code \"7\" (NHS gender identity codes: 1, 2, 3, 4, Z)",
            "line 4 (case A2, record person): unknown marital_status \"Engaged\" (Married, CivilPartnership, Cohabiting, NonCohabitingPartners, SeparatedOrDivorced, NotInARelationship, Widowed, PreferNotToSay)",
            "line 5 (case A9, record session): there is no referral row for this case",
            "line 6 (case A3, record score): the value 41 is outside the range of CORE-10 total (0–40)",
            "line 10 (case A3, record session): a session at the same date and time repeats line 9",
            "line 11 (case A3, record score): unknown instrument \"PHQ-99\": it must be a questionnaire in use (ARGUMENT, CORE-10, CORE-RISK, CSI-4, GAD-7, NPS, PHQ-9)",
            "line 12 (case A3, record visit): unknown record type \"visit\" (referral, person, assessment, session or score)",
        ], outcome.Errors);
        Assert.Null(outcome.BatchId);
        Assert.Equal(before, await ImportSteps.CountAsync(app));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ImportRefused));
        Assert.Equal("rows=11; errors=10", audit.Detail);
    }

    [Fact]
    public async Task A_couple_without_their_second_person_and_an_individual_with_a_partner_are_refused()
    {
        var file = ImportSteps.File(
            "record=referral;case_id=B1;received_date=2025-01-10;route=self;client_type=couple;status=withdrawn;end_date=2025-02-01",  // line 2
            "record=person;case_id=B1;person=1",                                                                                      // line 3
            "record=referral;case_id=B2;received_date=2025-01-10;route=self;client_type=individual;status=withdrawn;end_date=2025-02-01", // line 4
            "record=person;case_id=B2;person=1",                                                                                      // line 5
            "record=person;case_id=B2;person=2",                                                                                      // line 6
            "record=assessment;case_id=B2;kind=joint;date=2025-01-20");                                                               // line 7

        var outcome = await ImportSteps.ImportAsync(app, file);

        Assert.Equal(
        [
            "line 2 (case B1, record referral): a couple needs a person row for person 1 and person 2 (missing: 2)",
            "line 6 (case B2, record person): person 2 is given, but the referral is for an individual",
            "line 7 (case B2, record assessment): a joint assessment is for a couple, but the referral is for an individual",
        ], outcome.Errors);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_says_when_and_by_whom()
    {
        var first = await ImportSteps.ImportAsync(app, ImportSteps.Example());
        Assert.True(first.Succeeded);
        var after = await ImportSteps.CountAsync(app);

        var again = await ImportSteps.ImportAsync(app, ImportSteps.Example(), fileName: "renamed.csv");

        Assert.False(again.Succeeded);
        Assert.Empty(again.Errors);
        Assert.Equal(first.BatchId, again.Previous!.BatchId);
        Assert.Equal(ImportSteps.Programme, again.Previous.ProgrammeCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, again.Previous.ImportedAtUtc);
        Assert.Equal(after, await ImportSteps.CountAsync(app));
    }

    [Fact]
    public async Task A_later_file_repeating_a_case_id_skips_that_case_and_adds_the_new_ones()
    {
        await ImportSteps.ImportAsync(app, ImportSteps.Example());
        var before = await ImportSteps.CountAsync(app);
        // A longer export: C1002 again (with a different date, as a spreadsheet edited since), and a new case C2001.
        var file = ImportSteps.File(
            "record=referral;case_id=c1002;received_date=2025-05-13;route=hub;client_type=individual;status=ended;reason=disengaged;end_date=2025-08-01",
            "record=person;case_id=c1002;person=1;gender=2",
            "record=referral;case_id=C2001;received_date=2025-10-01;route=coordinator;client_type=individual;status=closed;reason=NoResponseToContact;end_date=2025-10-20",
            "record=person;case_id=C2001;person=1;gender=1");

        var check = await ImportSteps.ImportAsync(app, file, dryRun: true);
        Assert.Equal(new ImportCounts(1, 1, 0, 0, 0, 0), check.Counts);
        Assert.Equal(["c1002"], check.SkippedCaseIds);
        Assert.Equal(before, await ImportSteps.CountAsync(app)); // a check stores nothing

        var outcome = await ImportSteps.ImportAsync(app, file);

        Assert.Equal(new ImportCounts(1, 1, 0, 0, 0, 0), outcome.Counts);
        Assert.Equal(["c1002"], outcome.SkippedCaseIds);
        var after = await ImportSteps.CountAsync(app);
        Assert.Equal(before with { Batches = before.Batches + 1, Referrals = before.Referrals + 1, People = before.People + 1 }, after);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Referrals.CountAsync(r => r.ExternalCaseId == "C1002")));
        Assert.Equal(1, await app.QueryDbAsync(db => db.ImportBatches.Where(b => b.Id == outcome.BatchId).Select(b => b.SkippedCases).SingleAsync()));
    }
}
