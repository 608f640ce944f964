using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Dashboard;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Outcomes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Dashboard;

/// <summary>
/// The anonymised outcomes CSV through real HTTP: two couples' intake and end questionnaires, one partner who declined
/// evaluation. CORE-10 with every item answered v totals 6v + 8 (item 6 is reverse-scored), as in the report tests.
/// </summary>
public sealed class OutcomesExportTests : IDisposable
{
    private const string Url = "/dashboard/export?programme=nhs-staff&from=2026-11-01&to=2026-11-30";

    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    private async Task<(string A, string B)> SeedAsync()
    {
        var therapist = await CaseData.TherapistAsync(app);
        var a = await CaseData.InTherapyAsync(app, therapist, lastName: "Quillfeather");
        var b = await CaseData.InTherapyAsync(app, therapist, lastName: "Marchbanks");
        await CaseData.WithCaseAsync(app, a, (r, _) => (r.Primary.GenderIdentity, r.Primary.EthnicCategory) = ("2", "H"));
        // Everyone consented to evaluation except b's partner.
        foreach (var reference in new[] { a, b })
        {
            await CaseData.WithCaseAsync(app, reference, (r, _) => r.People.ForEach(p => p.ConsentToEvaluation = reference == a || p.Role == PersonRole.Primary));
        }
        foreach (var reference in new[] { a, b })
        {
            await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.Intake, sendLinks: false);
        }
        await DashboardData.CompleteAsync(app, a, PersonRole.Primary, Timepoint.Intake, core10: 3, csi4: 2);
        await DashboardData.CompleteAsync(app, a, PersonRole.Partner, Timepoint.Intake, core10: 2, csi4: 2);
        await DashboardData.CompleteAsync(app, b, PersonRole.Primary, Timepoint.Intake, core10: 1, csi4: 3);
        await DashboardData.CompleteAsync(app, b, PersonRole.Partner, Timepoint.Intake, core10: 4, csi4: 0);
        app.Clock.Advance(TimeSpan.FromDays(20));
        await OutcomeData.RequestAsync(app, a, therapist, Timepoint.End, sendLinks: false);
        await DashboardData.CompleteAsync(app, a, PersonRole.Primary, Timepoint.End, core10: 1, csi4: 4);
        await DashboardData.CompleteAsync(app, a, PersonRole.Partner, Timepoint.End, core10: 0, csi4: 4);
        return (a, b);
    }

    private static List<Dictionary<string, string>> Parse(byte[] bytes, out string[] header)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var cells = header.ToDictionary(h => h, h => csv.GetField(h)!);
            rows.Add(cells);
        }
        return rows;
    }

    [Fact]
    public async Task One_row_per_consenting_participant_and_score_with_the_reports_intake_and_end_and_nothing_identifying()
    {
        var (a, b) = await SeedAsync();
        var client = await app.SignedInClientAsync(Roles.Manager);

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nhs-staff-outcomes-2026-11-01-to-2026-11-30.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = Parse(bytes, out var header);
        Assert.Equal(ExportOutcomes.Header, header);

        var aPrimary = Pseudonym(await DashboardData.PersonIdAsync(app, a, PersonRole.Primary));
        var aPartner = Pseudonym(await DashboardData.PersonIdAsync(app, a, PersonRole.Partner));
        var bPrimary = Pseudonym(await DashboardData.PersonIdAsync(app, b, PersonRole.Primary));
        var bPartner = Pseudonym(await DashboardData.PersonIdAsync(app, b, PersonRole.Partner));
        Assert.Equal(new[] { aPrimary, aPartner, bPrimary }.Order(StringComparer.Ordinal), rows.Select(r => r["participant_id"]).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(bPartner, Encoding.UTF8.GetString(bytes));
        Assert.Matches("^P-[0-9A-F]{12}$", aPrimary);

        var core10 = rows.Where(r => r["measure"] == "CORE-10").ToDictionary(r => r["participant_id"]);
        Assert.Equal(3, core10.Count);
        // a's primary: 26 → 14, a fall of 12 (reliable), still at or above 11: not clinically significant.
        Assert.Equal(
            ["nhs-staff", "couple", "Female (including trans woman)", "35-44", "Asian or Asian British", "0", "CORE-10", "total", "26", "14", "-12", "yes", "yes", "yes", "no"],
            ExportOutcomes.Header.Skip(1).Select(h => core10[aPrimary][h]));
        // a's partner (no date of birth given): 20 → 8, reliable and below the cut-off.
        Assert.Equal(["Not recorded", "20", "8", "-12", "yes", "no", "yes", "yes"],
            ExportOutcomes.Header.Skip(4).Take(1).Concat(ExportOutcomes.Header.Skip(9)).Select(h => core10[aPartner][h]));
        // b's primary: intake 14 only; no end, so no change figures.
        Assert.Equal(["14", "", "", "yes", "", "", ""],
            ExportOutcomes.Header.Skip(9).Select(h => core10[bPrimary][h]));

        // Nothing that names or reaches anyone.
        var text = Encoding.UTF8.GetString(bytes);
        var people = await app.QueryDbAsync(db => db.ReferralPeople.Select(p => new { p.FirstName, p.LastName, p.Email, p.Phone, p.Employer }).ToListAsync());
        var references = await app.QueryDbAsync(db => db.Referrals.Select(r => r.Reference).ToListAsync());
        foreach (var value in people.SelectMany(p => new[] { p.FirstName, p.LastName, p.Email, p.Phone, p.Employer }).Concat(references).Where(v => !string.IsNullOrEmpty(v)))
        {
            Assert.DoesNotContain(value!, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("1986", text);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(x => x.Action == AuditActions.OutcomesExported));
        Assert.Equal($"programme=nhs-staff; from=2026-11-01; to=2026-11-30; rows={rows.Count}", audit.Detail);
        Assert.NotNull(audit.UserId);
    }

    [Fact]
    public async Task The_same_person_has_the_same_id_in_every_export_and_different_people_different_ids()
    {
        var (a, _) = await SeedAsync();
        var client = await app.SignedInClientAsync(Roles.Administrator);

        var first = Parse(await client.GetByteArrayAsync(Url), out _);
        var second = Parse(await client.GetByteArrayAsync("/dashboard/export?from=2026-01-01&to=2026-12-31"), out _);

        Assert.Equal(first.Select(r => r["participant_id"]).Distinct().Order(), second.Select(r => r["participant_id"]).Distinct().Order());
        Assert.Equal(3, first.Select(r => r["participant_id"]).Distinct().Count());
        var aPrimary = Pseudonym(await DashboardData.PersonIdAsync(app, a, PersonRole.Primary));
        Assert.Equal(
            first.Where(r => r["participant_id"] == aPrimary).Select(r => r["measure"] + r["score"] + r["intake_score"]),
            second.Where(r => r["participant_id"] == aPrimary).Select(r => r["measure"] + r["score"] + r["intake_score"]));
    }

    [Fact]
    public async Task A_bad_period_or_programme_is_explained_instead_of_a_file()
    {
        var client = await app.SignedInClientAsync(Roles.Manager);

        var response = await client.GetAsync("/dashboard/export?programme=nope&from=2026-01-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(["Choose a programme from the list"], page.QuerySelectorAll("[data-testid=errors] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == AuditActions.OutcomesExported)));
    }

    [Fact]
    public void Without_a_key_only_development_exports_and_ids_depend_on_the_key()
    {
        static IConfiguration Config(string? key) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Pseudonyms.ConfigurationKey] = key }).Build();

        var refused = Assert.Throws<DomainException>(() => Pseudonyms.From(Config(null), new Environment("Production")));
        Assert.Contains("Reporting:PseudonymKey", refused.Message);
        Assert.Throws<DomainException>(() => Pseudonyms.From(Config("too-short"), new Environment("Production")));

        var key1 = Pseudonyms.From(Config(new string('k', 32)), new Environment("Production"));
        var key2 = Pseudonyms.From(Config(new string('j', 32)), new Environment("Production"));
        Assert.Equal(key1.For(7), Pseudonyms.From(Config(new string('k', 32)), new Environment("Production")).For(7));
        Assert.NotEqual(key1.For(7), key2.For(7));
        Assert.NotEqual(key1.For(7), key1.For(8));
        // HMAC-SHA256("kkk…k" (32), "7"), first six bytes.
        var expected = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(new string('k', 32)), "7"u8.ToArray()), 0, 6);
        Assert.Equal("P-" + expected, key1.For(7));
        Assert.Equal(Pseudonyms.From(Config(null), new Environment("Development")).For(7), Pseudonyms.From(Config(""), new Environment("Development")).For(7));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+44", "'+44")]
    [InlineData("-x", "'-x")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("nhs-staff", "nhs-staff")]
    public void Text_cells_that_a_spreadsheet_would_run_get_an_apostrophe(string value, string written) =>
        Assert.Equal(written, ExportOutcomes.Cell.Text(value));

    [Fact]
    public void Negative_numbers_are_written_as_numbers() =>
        Assert.Equal(("-12", "2.5", ""), (ExportOutcomes.Cell.Number(-12.0), ExportOutcomes.Cell.Number(2.5), ExportOutcomes.Cell.Number((double?)null)));

    private string Pseudonym(int personId)
    {
        var configuration = (IConfiguration)app.Services.GetService(typeof(IConfiguration))!;
        return Pseudonyms.From(configuration, new Environment("Development")).For(personId);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "RelationshipSupport.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
