using System.Text;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Admin;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Import;

/// <summary>What the import tests share: the example file, sending a file as an administrator, and counting what is stored.</summary>
public static class ImportSteps
{
    public const string Programme = ReferenceDataSeeder.NhsStaff;

    public static string ExamplePath => Path.Combine(InstrumentSteps.RepositoryRoot(), "docs", "examples", "import-example.csv");

    public static byte[] Example() => System.IO.File.ReadAllBytes(ExamplePath);

    public const string Header =
        "record,case_id,person,first_name,last_name,received_date,route,client_type,status,reason,end_date,gender,date_of_birth,birth_year,ethnic_category,"
        + "marital_status,relationship_years,qualification,employment,consent_to_evaluation,date,time,kind,minutes,mode,attendance,attended_by,instrument,score_key,timepoint,value";

    /// <summary>A file from rows given as "column=value" pairs, in the full header's columns.</summary>
    public static byte[] File(params string[] rows)
    {
        var columns = Header.Split(',');
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var row in rows)
        {
            var cells = row.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1]);
            text.Append(string.Join(',', columns.Select(c => cells.GetValueOrDefault(c, "")))).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static async Task<ImportOutcome> ImportAsync(TestApp app, byte[] content, bool dryRun = false, string fileName = "history.csv", string programme = Programme)
    {
        var admin = await app.CreateUserAsync(Roles.Administrator);
        return await app.SendAsync(new ImportPastData.Command
        {
            ProgrammeCode = programme,
            FileName = fileName,
            Length = content.Length,
            Content = content,
            DryRun = dryRun,
        }, admin, [Roles.Administrator]);
    }

    public sealed record Stored(int Batches, int Referrals, int People, int Assessments, int Sessions, int Requests, int Scores);

    public static Task<Stored> CountAsync(TestApp app) => app.QueryDbAsync(async db => new Stored(
        await db.ImportBatches.CountAsync(),
        await db.Referrals.CountAsync(),
        await db.ReferralPeople.CountAsync(),
        await db.Assessments.CountAsync(),
        await db.TherapySessions.CountAsync(),
        await db.QuestionnaireRequests.CountAsync(),
        await db.QuestionnaireScores.CountAsync()));
}
