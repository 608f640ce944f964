using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Application.Dashboard;

/// <summary>
/// The anonymised outcomes export: one CSV row per participant and score (e.g. CORE-10 total), for participants who
/// consented to evaluation, with the report's intake and end scores (<see cref="ReportFiguresBuilder"/> loads them,
/// <see cref="OutcomeAnalysis.IntakeAndEnd"/> picks them, <see cref="ScoreChange"/> classifies the change). No names,
/// contact details, dates of birth, references or free text: a keyed pseudonym (<see cref="Pseudonyms"/>), an age band,
/// gender and ethnic group. Text cells that a spreadsheet would run as a formula get a leading apostrophe. Audited.
/// </summary>
public static class ExportOutcomes
{
    public sealed record Query(string? ProgrammeCode, DateOnly From, DateOnly To) : IRequest<Result>;

    public sealed record Result(string FileName, byte[] Content, int Rows);

    public static readonly IReadOnlyList<string> Header =
    [
        "participant_id", "programme", "client_type", "gender", "age_band", "ethnic_group", "sessions_attended",
        "measure", "score", "intake_score", "end_score", "change_end_minus_intake", "clinical_at_intake", "clinical_at_end",
        "reliable_improvement", "reliable_and_clinically_significant_improvement",
    ];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => DashboardPeriod.Rules(this, db, q => q.ProgrammeCode, q => q.From, q => q.To);
    }

    internal sealed class Handler(AppDbContext db, ReportFiguresBuilder reports, AuditLog audit, IConfiguration configuration, IHostEnvironment environment)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var pseudonyms = Pseudonyms.From(configuration, environment);
            var (fromUtc, toUtc) = ReportFiguresBuilder.Bounds(request.From, request.To);
            var programmes = await db.Programmes.AsNoTracking()
                .Where(p => string.IsNullOrEmpty(request.ProgrammeCode) || p.Code == request.ProgrammeCode)
                .OrderBy(p => p.Code).Select(p => new { p.Id, p.Code }).ToListAsync(cancellationToken);

            var rows = new List<string[]>();
            foreach (var programme in programmes)
            {
                var consented = (await reports.ScoresAsync(programme.Id, fromUtc, toUtc, cancellationToken)).Where(s => s.Consented).ToList();
                if (consented.Count == 0)
                {
                    continue;
                }
                var definitions = await reports.DefinitionsAsync(programme.Id, consented, cancellationToken);
                var personIds = consented.Select(s => s.PersonId).Distinct().ToList();
                var people = await db.ReferralPeople.AsNoTracking()
                    .Where(p => personIds.Contains(p.Id))
                    .Select(p => new { p.Id, p.ReferralId, p.GenderIdentity, p.DateOfBirth, p.EthnicCategory, ClientType = db.Referrals.Where(r => r.Id == p.ReferralId).Select(r => r.ClientType).First() })
                    .ToDictionaryAsync(p => p.Id, cancellationToken);
                var referralIds = people.Values.Select(p => p.ReferralId).Distinct().ToList();
                // Attended sessions of the case up to the period's end, as the report counts them.
                var attended = await db.TherapySessions.AsNoTracking()
                    .Where(s => referralIds.Contains(s.ReferralId) && s.StartsAtUtc < toUtc
                        && (s.Attendance == AttendanceOutcome.Attended || s.Attendance == AttendanceOutcome.Late))
                    .GroupBy(s => s.ReferralId).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

                var programmeRows = new List<(string Id, int Order, string[] Cells)>();
                var order = 0;
                foreach (var definition in definitions)
                {
                    foreach (var score in definition.Scores)
                    {
                        order++;
                        var (intake, end) = OutcomeAnalysis.IntakeAndEnd(ReportFiguresBuilder.PointsFor(consented, definition.Code, score.Key));
                        foreach (var personId in intake.Keys.Union(end.Keys))
                        {
                            var person = people[personId];
                            double? first = intake.TryGetValue(personId, out var i) ? i : null;
                            double? last = end.TryGetValue(personId, out var e) ? e : null;
                            var change = first is { } a && last is { } b ? ScoreChange.Between(score, a, b) : null;
                            var id = pseudonyms.For(personId);
                            programmeRows.Add((id, order,
                            [
                                id,
                                Cell.Text(programme.Code),
                                person.ClientType == ClientType.Couple ? "couple" : "individual",
                                Cell.Text(person.GenderIdentity is null ? "Not recorded" : GenderIdentity.Describe(person.GenderIdentity)),
                                AgeBand(person.DateOfBirth, request.From),
                                Cell.Text(EthnicGroup(person.EthnicCategory)),
                                Cell.Number(attended.GetValueOrDefault(person.ReferralId)),
                                Cell.Text(definition.Code),
                                Cell.Text(score.Key),
                                Cell.Number(first),
                                Cell.Number(last),
                                Cell.Number(first is { } x && last is { } y ? y - x : null),
                                Cell.YesNo(first is { } f ? score.ClinicalCutoff?.IsClinical(f) : null),
                                Cell.YesNo(last is { } l ? score.ClinicalCutoff?.IsClinical(l) : null),
                                Cell.YesNo(change is null || change.Reliable == ReliableChange.NotDefined ? null : change.Reliable == ReliableChange.ReliableImprovement),
                                Cell.YesNo(change is null || change.Reliable == ReliableChange.NotDefined || change.ClinicalAtFirst is null
                                    ? null : change.ReliableAndClinicallySignificantImprovement),
                            ]));
                        }
                    }
                }
                // Ordered by pseudonym, not by record id, so the row order says nothing about who came first.
                rows.AddRange(programmeRows.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Order).Select(r => r.Cells));
            }

            var content = Write(rows);
            var scope = string.IsNullOrEmpty(request.ProgrammeCode) ? "all-programmes" : FileSafe(request.ProgrammeCode);
            var fileName = $"{scope}-outcomes-{GetDashboard.Iso(request.From)}-to-{GetDashboard.Iso(request.To)}.csv";
            audit.RecordRead(AuditActions.OutcomesExported, "OutcomesExport", null,
                $"programme={(string.IsNullOrEmpty(request.ProgrammeCode) ? "all" : request.ProgrammeCode)}; from={GetDashboard.Iso(request.From)}; to={GetDashboard.Iso(request.To)}; rows={rows.Count}");
            return new Result(fileName, content, rows.Count);
        }

        private static byte[] Write(List<string[]> rows)
        {
            using var stream = new MemoryStream();
            // UTF-8 with a byte order mark, so spreadsheet programs read it as UTF-8.
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                foreach (var name in Header)
                {
                    csv.WriteField(name);
                }
                csv.NextRecord();
                foreach (var row in rows)
                {
                    foreach (var cell in row)
                    {
                        csv.WriteField(cell);
                    }
                    csv.NextRecord();
                }
            }
            return stream.ToArray();
        }
    }

    /// <summary>Bands wide enough not to single anyone out: the age on the first day of the period.</summary>
    internal static string AgeBand(DateOnly? birth, DateOnly on)
    {
        if (birth is not { } b)
        {
            return "Not recorded";
        }
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return age switch
        {
            < 18 => "under 18",
            < 25 => "18-24",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            < 65 => "55-64",
            _ => "65 and over",
        };
    }

    private static string EthnicGroup(string? code) =>
        code is null ? "Not recorded" : EthnicCategory.All.FirstOrDefault(e => e.Code == code) is { Group: not null } e ? e.Group : "Not recorded";

    private static string FileSafe(string code) =>
        new(code.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>CSV cells: numbers as they are; text that a spreadsheet would read as a formula gets a leading apostrophe.</summary>
    public static class Cell
    {
        public static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

        public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "" };

        public static string Text(string value) =>
            value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }
}

/// <summary>
/// Stable pseudonymous participant ids: HMAC-SHA256 of the participant's record id under a secret key
/// (<c>Reporting:PseudonymKey</c>), printed as <c>P-</c> and the first 12 hex digits. The same person has the same id in
/// every export made with the same key; without the key the id cannot be traced back. Development uses a fixed key
/// when none is set; any other environment refuses to export without a key of at least 32 characters.
/// </summary>
public sealed class Pseudonyms
{
    public const string ConfigurationKey = "Reporting:PseudonymKey";
    public const int MinimumKeyLength = 32;
    internal const string DevelopmentKey = "development-only-pseudonym-key-do-not-use-in-production";

    private readonly byte[] _key;

    private Pseudonyms(string key) => _key = Encoding.UTF8.GetBytes(key);

    public static Pseudonyms From(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(key) && environment.IsDevelopment())
        {
            return new Pseudonyms(DevelopmentKey);
        }
        if (string.IsNullOrWhiteSpace(key) || key.Trim().Length < MinimumKeyLength)
        {
            throw new DomainException(
                $"The export is switched off because no pseudonym key is set. Ask your system administrator to set {ConfigurationKey} "
                + $"to a secret of at least {MinimumKeyLength} random characters, kept the same from one export to the next.");
        }
        return new Pseudonyms(key.Trim());
    }

    public string For(int personId)
    {
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(personId.ToString(CultureInfo.InvariantCulture)));
        return "P-" + Convert.ToHexString(hash, 0, 6);
    }
}
