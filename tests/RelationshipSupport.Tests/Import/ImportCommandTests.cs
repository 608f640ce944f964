using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Tests.Import;

/// <summary>The <c>import</c> verb, called as the command line calls it: exit codes, what it prints, and who it acts as.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TestApp app = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose()
    {
        app.Dispose();
        output.Dispose();
        error.Dispose();
    }

    private Task<int> RunAsync(params string[] args) => ImportCommand.RunAsync(app.Services, ["import", .. args], output, error);

    [Fact]
    public async Task A_dry_run_prints_the_counts_and_stores_nothing_then_the_import_stores_them_as_the_named_system_user()
    {
        var before = await ImportSteps.CountAsync(app);

        Assert.Equal(0, await RunAsync("--programme", ImportSteps.Programme, "--file", ImportSteps.ExamplePath, "--dry-run"));
        Assert.Equal(
            "The file is valid. It would import 3 referrals, 5 people, 2 assessments, 10 sessions and 9 scores (5 questionnaires) into nhs-staff.",
            output.ToString().Trim());
        Assert.Equal(before, await ImportSteps.CountAsync(app));

        output.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("--programme", ImportSteps.Programme, "--file", ImportSteps.ExamplePath));
        Assert.Equal(
            "Imported 3 referrals, 5 people, 2 assessments, 10 sessions and 9 scores (5 questionnaires) into nhs-staff.",
            output.ToString().Trim());
        var batch = await app.QueryDbAsync(db => db.ImportBatches.AsNoTracking().SingleAsync());
        Assert.Equal(("import-example.csv", ImportSystemUser.Id, ImportSystemUser.CommandLineName), (batch.FileName, batch.ImportedByUserId, batch.ImportedByName));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ImportCompleted));
        Assert.Equal((ImportSystemUser.Id, ImportSystemUser.CommandLineName, batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (audit.UserId, audit.UserName, audit.EntityId));

        // The same file again: refused politely, exit code 1, nothing added.
        var after = await ImportSteps.CountAsync(app);
        Assert.Equal(1, await RunAsync("--programme", ImportSteps.Programme, "--file", ImportSteps.ExamplePath));
        Assert.StartsWith("This file was already imported into nhs-staff on 2 November 2026 at 10:00 by Data import (command line)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(after, await ImportSteps.CountAsync(app));
    }

    [Fact]
    public async Task A_file_with_errors_prints_them_by_line_and_exits_with_1()
    {
        var path = Path.Combine(app.Directory, "bad.csv");
        await File.WriteAllBytesAsync(path, ImportSteps.File(
            "record=referral;case_id=X1;received_date=2025-01-10;route=self;client_type=individual;status=open;end_date=2025-02-01",
            "record=person;case_id=X1;person=3"));
        var before = await ImportSteps.CountAsync(app);

        Assert.Equal(1, await RunAsync("--programme", ImportSteps.Programme, "--file", path));

        Assert.Equal(
        [
            "The file has 2 errors; nothing was imported:",
            "line 2 (case X1, record referral): unknown status \"open\" (ended, not-suitable, withdrawn or closed: only finished cases are imported)",
            "line 3 (case X1, record person): the person must be 1 or 2, not \"3\"",
        ], error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, await ImportSteps.CountAsync(app));
    }

    [Fact]
    public async Task Missing_options_an_unknown_file_or_programme_are_refused()
    {
        Assert.Equal(2, await RunAsync("--file", ImportSteps.ExamplePath));
        Assert.Equal(2, await RunAsync("--programme", ImportSteps.Programme, "--file", "/nowhere/at-all.csv"));
        Assert.Equal(1, await RunAsync("--programme", "no-such-programme", "--file", ImportSteps.ExamplePath));
        Assert.Contains("There is no programme with the code \"no-such-programme\".", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await ImportSteps.CountAsync(app)).Batches);
    }
}
