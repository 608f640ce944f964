using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Auditing;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Imports;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using C = RelationshipSupport.Application.Import.ImportColumns;
using V = RelationshipSupport.Application.Import.ImportValues;

namespace RelationshipSupport.Application.Import;

/// <summary>Who imports: a signed-in administrator, or the command line's named system user.</summary>
public sealed record ImportActor(string? UserId, string Name, string? IpAddress = null, string? CorrelationId = null);

public sealed record ImportCounts(int Referrals, int People, int Assessments, int Sessions, int Scores, int Questionnaires);

/// <summary>An earlier import of the same file.</summary>
public sealed record PreviousImport(int BatchId, string ProgrammeCode, DateTime ImportedAtUtc, string ImportedByName);

/// <summary>
/// What an import (or a check) found. <see cref="Errors"/> non-empty: nothing was stored. <see cref="Previous"/> set:
/// the same file was imported before, and nothing was stored. Otherwise the counts are what was (or, on a check,
/// would be) added, and <see cref="SkippedCaseIds"/> the cases left alone because an earlier import added them.
/// </summary>
public sealed record ImportOutcome(
    bool DryRun,
    string FileSha256,
    IReadOnlyList<string> Errors,
    PreviousImport? Previous,
    ImportCounts Counts,
    IReadOnlyList<string> SkippedCaseIds,
    int? BatchId)
{
    public bool Succeeded => Errors.Count == 0 && Previous is null;
}

/// <summary>
/// Imports a service's past referrals, people, assessments, sessions and questionnaire scores into a programme from
/// the CSV format of docs/import-format.md. Every row is checked and every problem reported with its line; any
/// problem and nothing is stored. Otherwise the whole file is written in one transaction, as finished cases that
/// count in the reports like any other: each referral gets a reference, its final status and dates, signed-off
/// assessments, sessions with their attendance, and completed questionnaires with their scores. The file's SHA-256
/// makes a second import of the same file a polite refusal; a case id imported before (with the programme) is
/// skipped, so a later, longer export adds only the new cases.
/// </summary>
public sealed class PastDataImporter(AppDbContext db, TimeProvider clock)
{
    public const string ImportedByName = "Imported";

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<ImportOutcome> RunAsync(string programmeCode, string fileName, byte[] content, ImportActor actor, bool dryRun, CancellationToken ct)
    {
        var hash = Sha256Of(content);
        var empty = new ImportCounts(0, 0, 0, 0, 0, 0);
        if (await PreviousAsync(hash, ct) is { } previous)
        {
            return new ImportOutcome(dryRun, hash, [], previous, empty, [], null);
        }
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Code == programmeCode, ct);
        if (programme is null)
        {
            return new ImportOutcome(dryRun, hash, [$"There is no programme with the code \"{programmeCode}\"."], null, empty, [], null);
        }

        var parsed = ImportFileReader.Read(content);
        var instruments = await new InstrumentCatalogue(db).Current().AsNoTracking().ToListAsync(ct);
        var checker = new Checker(instruments, UkTime.Today(clock), clock.GetUtcNow().UtcDateTime);
        var cases = parsed.Rows.Count == 0 && parsed.Errors.Count > 0 ? [] : checker.Check(parsed.Rows);
        // In the file's order (a stable sort: a row's problems stay in the order its columns were checked).
        var errors = parsed.Errors.Concat(checker.Errors).OrderBy(e => e.Line).Select(e => e.Text).ToList();
        if (errors.Count > 0)
        {
            await AuditAsync(actor, dryRun ? AuditActions.ImportChecked : AuditActions.ImportRefused, "Programme", programme.Code,
                $"rows={parsed.Rows.Count}; errors={errors.Count}", ct);
            return new ImportOutcome(dryRun, hash, errors, null, empty, [], null);
        }

        var caseIds = cases.Select(c => c.CaseId).ToList();
        var existing = (await db.Referrals.AsNoTracking()
                .Where(r => r.ProgrammeId == programme.Id && r.ExternalCaseId != null)
                .Select(r => r.ExternalCaseId!).ToListAsync(ct))
            .Intersect(caseIds, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var toImport = cases.Where(c => !existing.Contains(c.CaseId)).ToList();
        var skipped = cases.Where(c => existing.Contains(c.CaseId)).Select(c => c.CaseId).ToList();
        var counts = new ImportCounts(
            toImport.Count,
            toImport.Sum(c => c.People.Count),
            toImport.Sum(c => c.Assessments.Count),
            toImport.Sum(c => c.Sessions.Count),
            toImport.Sum(c => c.Scores.Count),
            toImport.Sum(c => c.Scores.Select(s => (s.Person, s.Timepoint, s.Date)).Distinct().Count()));

        if (dryRun)
        {
            await AuditAsync(actor, AuditActions.ImportChecked, "Programme", programme.Code, Detail(counts, skipped.Count), ct);
            return new ImportOutcome(true, hash, [], null, counts, skipped, null);
        }

        try
        {
            var batchId = await WriteAsync(programme.Id, programme.Code, fileName, hash, toImport, counts, skipped.Count, instruments, actor, ct);
            return new ImportOutcome(false, hash, [], null, counts, skipped, batchId);
        }
        catch (DbUpdateException)
        {
            // The same file imported at the same moment (a form sent twice): the unique hash let one through.
            db.ChangeTracker.Clear();
            if (await PreviousAsync(hash, ct) is { } first)
            {
                return new ImportOutcome(false, hash, [], first, empty, [], null);
            }
            throw;
        }
    }

    private async Task<PreviousImport?> PreviousAsync(string hash, CancellationToken ct) =>
        await db.ImportBatches.AsNoTracking().Where(b => b.FileSha256 == hash)
            .Select(b => new PreviousImport(b.Id, db.Programmes.Where(p => p.Id == b.ProgrammeId).Select(p => p.Code).First(), b.ImportedAtUtc, b.ImportedByName))
            .FirstOrDefaultAsync(ct);

    private static string Detail(ImportCounts c, int skipped) => string.Create(CultureInfo.InvariantCulture,
        $"referrals={c.Referrals}; people={c.People}; assessments={c.Assessments}; sessions={c.Sessions}; scores={c.Scores}; skipped-cases={skipped}");

    private async Task AuditAsync(ImportActor actor, string action, string entityType, string entityId, string detail, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditEntryOf(actor, action, entityType, entityId, detail));
        await db.SaveChangesAsync(ct);
    }

    private AuditEntry AuditEntryOf(ImportActor actor, string action, string entityType, string entityId, string detail) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        UserId = actor.UserId,
        UserName = actor.Name,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        IpAddress = actor.IpAddress,
        CorrelationId = actor.CorrelationId,
        Detail = detail,
    };

    private async Task<int> WriteAsync(
        int programmeId, string programmeCode, string fileName, string hash, List<CaseData> cases, ImportCounts counts, int skipped,
        List<Instrument> instruments, ImportActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batchId = 0;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var systemUserId = await ImportSystemUser.EnsureAsync(db, token);

            var batch = new ImportBatch
            {
                ProgrammeId = programmeId,
                FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 260 } name ? name : "import.csv",
                FileSha256 = hash,
                ImportedAtUtc = now,
                ImportedByUserId = actor.UserId,
                ImportedByName = actor.Name,
                Referrals = counts.Referrals,
                People = counts.People,
                Assessments = counts.Assessments,
                Sessions = counts.Sessions,
                Scores = counts.Scores,
                SkippedCases = skipped,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(token);

            // Referrals, people and sessions first (the people's ids are needed by assessments and questionnaires).
            var referrals = cases.Select(c => (Case: c, Referral: NewReferral(c, programmeId, batch, systemUserId, actor, now))).ToList();
            db.Referrals.AddRange(referrals.Select(r => r.Referral));
            await db.SaveChangesAsync(token);

            var byCode = instruments.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
            foreach (var (data, referral) in referrals)
            {
                var people = referral.People.ToDictionary(p => p.Role == PersonRole.Primary ? 1 : 2);
                foreach (var a in data.Assessments)
                {
                    referral.Assessments.Add(new Assessment
                    {
                        Kind = a.Kind,
                        PersonId = a.Person is { } n ? people[n].Id : null,
                        AuthorUserId = systemUserId,
                        AuthorName = ImportedByName,
                        Status = AssessmentStatus.SignedOff,
                        HeldOn = a.Date,
                        CreatedAtUtc = now,
                        UpdatedAtUtc = now,
                        SubmittedAtUtc = now,
                        DecidedByUserId = systemUserId,
                        DecidedByName = ImportedByName,
                        DecidedAtUtc = now,
                        SupervisorComments = $"Imported from {batch.FileName}.",
                    });
                }
                foreach (var sitting in data.Scores.GroupBy(s => (s.Person, s.Timepoint, s.Date)).OrderBy(g => g.Key.Date))
                {
                    var completedAt = Noon(sitting.Key.Date);
                    db.QuestionnaireRequests.Add(new QuestionnaireRequest
                    {
                        ReferralId = referral.Id,
                        PersonId = people[sitting.Key.Person].Id,
                        Timepoint = sitting.Key.Timepoint,
                        Status = QuestionnaireStatus.Completed,
                        CreatedAtUtc = now,
                        CreatedByUserId = systemUserId,
                        DueAtUtc = completedAt,
                        Mode = CompletionMode.EnteredByTherapist,
                        CompletedAtUtc = completedAt,
                        EnteredByUserId = systemUserId,
                        EnteredByName = ImportedByName,
                        Responses = sitting.GroupBy(s => s.Instrument.Code, StringComparer.OrdinalIgnoreCase).Select((g, index) =>
                        {
                            var instrument = byCode[g.Key];
                            return new QuestionnaireResponse
                            {
                                InstrumentId = instrument.Id,
                                InstrumentCode = instrument.Code,
                                SortOrder = index,
                                SavedAtUtc = completedAt,
                                Scores = g.Select(s => new QuestionnaireScore
                                {
                                    ScoreKey = s.Score.Key,
                                    Value = s.Value,
                                    ItemsAnswered = s.Items,
                                    ItemsInScore = s.Items,
                                    IsClinical = s.Score.ClinicalCutoff?.IsClinical(s.Value),
                                    Band = s.Score.BandFor(s.Value),
                                }).ToList(),
                            };
                        }).ToList(),
                    });
                }
            }
            db.AuditEntries.Add(AuditEntryOf(actor, AuditActions.ImportCompleted, "ImportBatch", batch.Id.ToString(CultureInfo.InvariantCulture),
                $"programme={programmeCode}; " + Detail(counts, skipped)));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            batchId = batch.Id;
        }, ct);
        return batchId;
    }

    private static DateTime Noon(DateOnly date) => UkTime.ToUtc(date, new TimeOnly(12, 0))!.Value;

    private Referral NewReferral(CaseData c, int programmeId, ImportBatch batch, string systemUserId, ImportActor actor, DateTime now)
    {
        var received = Noon(c.Received);
        var ended = Noon(c.End);
        var firstSeen = c.Assessments.Select(a => a.Date).Concat(c.Sessions.Select(s => UkTime.DateOf(s.StartsAtUtc))).DefaultIfEmpty().Min();
        var firstSession = c.Sessions.Where(s => s.Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late)
            .Select(s => (DateTime?)s.StartsAtUtc).Min();
        var referral = new Referral
        {
            Reference = ReferenceGenerator.New(),
            SubmissionId = Guid.NewGuid(),
            ProgrammeId = programmeId,
            Route = c.Route,
            Status = c.Status,
            ReceivedAtUtc = received,
            ClientType = c.ClientType,
            Difficulty = "",
            Format = SessionFormat.NoPreference,
            // Not known for past records: "not sure" rather than a "no" nobody gave.
            DomesticAbuse = ScreeningAnswer.NotSure,
            SevereMentalIllness = ScreeningAnswer.NotSure,
            SubstanceMisuse = ScreeningAnswer.NotSure,
            ClosedAtUtc = ended,
            AllocatedAtUtc = c.Assessments.Count + c.Sessions.Count > 0 ? Noon(firstSeen) : null,
            TherapyOfferedAtUtc = firstSession,
            ImportBatchId = batch.Id,
            ExternalCaseId = c.CaseId,
        };
        switch (c.Status)
        {
            case ReferralStatus.Ended:
                referral.EndingReason = c.EndingReason;
                referral.EndingKind = c.EndingReason is EndingReason.Completed or EndingReason.ReferredElsewhere ? EndingKind.Planned : EndingKind.Unplanned;
                break;
            case ReferralStatus.NotSuitable or ReferralStatus.Closed:
                referral.ClosureReason = c.ClosureReason;
                break;
        }
        referral.StatusChanges.Add(new ReferralStatusChange
        {
            From = ReferralStatus.Received,
            To = c.Status,
            AtUtc = ended,
            ByUserId = actor.UserId ?? systemUserId,
            ByName = actor.Name,
            Reason = $"Imported from {batch.FileName} (case {c.CaseId})",
        });
        foreach (var (number, p) in c.People.OrderBy(p => p.Key))
        {
            referral.People.Add(new ReferralPerson
            {
                Role = number == 1 ? PersonRole.Primary : PersonRole.Partner,
                FirstName = p.FirstName ?? ImportedByName,
                LastName = p.LastName ?? $"{c.CaseId}-{number}",
                DateOfBirth = p.DateOfBirth,
                PreferredContact = PreferredContact.Phone,
                GenderIdentity = p.Gender,
                EthnicCategory = p.Ethnicity,
                MaritalStatus = p.MaritalStatus,
                RelationshipLengthYears = p.RelationshipYears,
                HighestQualification = p.Qualification,
                Employment = p.Employment,
                ConsentToService = true,
                ConsentToEvaluation = p.ConsentToEvaluation,
            });
        }
        foreach (var s in c.Sessions)
        {
            referral.Sessions.Add(new TherapySession
            {
                StartsAtUtc = s.StartsAtUtc,
                Minutes = s.Minutes,
                Mode = s.Mode,
                TherapistUserId = systemUserId,
                ClientsExpected = c.ClientType == ClientType.Couple ? SessionClients.Both : SessionClients.PrimaryOnly,
                Attendance = s.Attendance,
                ClientsAttended = s.Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late ? s.AttendedBy : null,
                CancellationReason = s.Attendance == AttendanceOutcome.CancelledByService ? "Recorded in the service's past records" : null,
                AttendanceRecordedAtUtc = now,
                AttendanceRecordedByUserId = systemUserId,
                ReminderSentAtUtc = s.StartsAtUtc,
                CreatedAtUtc = now,
                CreatedByUserId = systemUserId,
            });
        }
        return referral;
    }

    // ----- checking -----

    internal sealed class PersonData
    {
        public int Line { get; init; }
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        public DateOnly? DateOfBirth { get; init; }
        public string? Gender { get; init; }
        public string? Ethnicity { get; init; }
        public MaritalStatus? MaritalStatus { get; init; }
        public int? RelationshipYears { get; init; }
        public Qualification? Qualification { get; init; }
        public Employment? Employment { get; init; }
        public bool ConsentToEvaluation { get; init; }
    }

    internal sealed record AssessmentData(AssessmentKind Kind, int? Person, DateOnly Date);

    internal sealed record SessionData(DateTime StartsAtUtc, int Minutes, SessionMode Mode, AttendanceOutcome Attendance, SessionClients AttendedBy);

    internal sealed record ScoreData(int Person, Instrument Instrument, ScoreDefinition Score, Timepoint Timepoint, DateOnly Date, double Value, int Items);

    internal sealed class CaseData
    {
        public string CaseId { get; init; } = "";
        public int Line { get; init; }
        public ReferralRoute Route { get; init; }
        public ClientType ClientType { get; init; }
        public ReferralStatus Status { get; init; }
        public EndingReason? EndingReason { get; init; }
        public ClosureReason? ClosureReason { get; init; }
        public DateOnly Received { get; init; }
        public DateOnly End { get; init; }
        public Dictionary<int, PersonData> People { get; } = [];
        public List<AssessmentData> Assessments { get; } = [];
        public List<SessionData> Sessions { get; } = [];
        public List<ScoreData> Scores { get; } = [];
    }

    /// <summary>Checks every row; collects every problem as "line N (case X, record Y): message".</summary>
    internal sealed class Checker(IReadOnlyList<Instrument> instruments, DateOnly today, DateTime nowUtc)
    {
        public List<(int Line, string Text)> Errors { get; } = [];
        private readonly HashSet<string> badCases = new(StringComparer.OrdinalIgnoreCase);
        /// <summary>"CASE|N" for every person row, so rows naming a person are checked without a scan of the file.</summary>
        private HashSet<string> personRows = [];

        private void Error(ImportRow row, string message)
        {
            var where = row.CaseId is { } id ? $"case {id}, record {row.Record ?? "?"}" : $"record {row.Record ?? "?"}";
            Errors.Add((row.Line, $"line {row.Line} ({where}): {message}"));
        }

        public List<CaseData> Check(IReadOnlyList<ImportRow> rows)
        {
            if (rows.Count == 0)
            {
                Errors.Add((0, "The file has a header row but no records."));
                return [];
            }
            personRows = rows.Where(r => r.Record == "person" && r.CaseId is not null && r[C.Person] is not null)
                .Select(r => $"{r.CaseId!.ToUpperInvariant()}|{r[C.Person]}").ToHashSet(StringComparer.Ordinal);
            var cases = new Dictionary<string, CaseData>(StringComparer.OrdinalIgnoreCase);
            var referralLines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            // Referrals first, wherever they are in the file: the other rows are checked against their case's dates.
            foreach (var row in rows)
            {
                if (row.CaseId is null)
                {
                    Error(row, "the case_id is missing");
                    continue;
                }
                if (row.CaseId.Length > Referral.MaxExternalCaseIdLength)
                {
                    Error(row, $"the case_id is longer than {Referral.MaxExternalCaseIdLength} characters");
                    continue;
                }
                if (row.Record == "referral")
                {
                    if (referralLines.TryGetValue(row.CaseId, out var first))
                    {
                        Error(row, $"the case already has a referral row (line {first})");
                        continue;
                    }
                    referralLines[row.CaseId] = row.Line;
                    if (ReadReferral(row) is { } data)
                    {
                        cases[row.CaseId] = data;
                    }
                    else
                    {
                        badCases.Add(row.CaseId);
                    }
                }
            }

            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.Where(r => r.CaseId is { Length: <= Referral.MaxExternalCaseIdLength } && r.Record != "referral"))
            {
                if (row.Record is not ("person" or "assessment" or "session" or "score"))
                {
                    Error(row, row.Record is null
                        ? "the record type is missing (referral, person, assessment, session or score)"
                        : $"unknown record type \"{row[C.Record]}\" (referral, person, assessment, session or score)");
                    continue;
                }
                if (!referralLines.ContainsKey(row.CaseId!))
                {
                    Error(row, "there is no referral row for this case");
                    continue;
                }
                cases.TryGetValue(row.CaseId!, out var @case); // null when the referral row has errors of its own
                switch (row.Record)
                {
                    case "person": ReadPerson(row, @case, seen); break;
                    case "assessment": ReadAssessment(row, @case, seen); break;
                    case "session": ReadSession(row, @case, seen); break;
                    case "score": ReadScore(row, @case, seen); break;
                }
            }

            foreach (var c in cases.Values)
            {
                var expected = c.ClientType == ClientType.Couple ? new[] { 1, 2 } : [1];
                var missing = expected.Where(n => !c.People.ContainsKey(n)).ToList();
                if (missing.Count > 0 && !badCases.Contains(c.CaseId))
                {
                    Errors.Add((c.Line, $"line {c.Line} (case {c.CaseId}, record referral): " + (c.ClientType == ClientType.Couple
                        ? $"a couple needs a person row for person 1 and person 2 (missing: {string.Join(" and ", missing)})"
                        : "an individual referral needs a person row for person 1")));
                }
            }
            return cases.Values.OrderBy(c => c.Line).ToList();
        }

        private DateOnly? RequiredDate(ImportRow row, string column, string what)
        {
            var value = row[column];
            if (value is null)
            {
                Error(row, $"the {what} ({column}) is missing");
                return null;
            }
            if (V.Date(value) is not { } date)
            {
                Error(row, $"the {what} ({column}) \"{value}\" is not a date: write it as YYYY-MM-DD or DD/MM/YYYY");
                return null;
            }
            if (date > today)
            {
                Error(row, $"the {what} ({column}) {date:yyyy-MM-dd} is in the future");
                return null;
            }
            return date;
        }

        private CaseData? ReadReferral(ImportRow row)
        {
            var errors = Errors.Count;
            var received = RequiredDate(row, C.ReceivedDate, "date the referral was received");
            var end = RequiredDate(row, C.EndDate, "date the case ended or closed");
            if (received is { } r && end is { } e && e < r)
            {
                Error(row, $"the end date {e:yyyy-MM-dd} is before the referral was received ({r:yyyy-MM-dd})");
            }
            var route = V.Route(row[C.Route]);
            if (route is null)
            {
                Error(row, row[C.Route] is null ? "the route is missing" : $"unknown route \"{row[C.Route]}\" (self, hub, professional or coordinator)");
            }
            var clientType = V.Choice<ClientType>(row[C.ClientType]);
            if (clientType is null)
            {
                Error(row, row[C.ClientType] is null ? "the client_type is missing" : $"unknown client_type \"{row[C.ClientType]}\" (individual or couple)");
            }
            var status = V.Choice(row[C.Status], ("not suitable", ReferralStatus.NotSuitable)) is { } s
                && s is ReferralStatus.Ended or ReferralStatus.NotSuitable or ReferralStatus.Withdrawn or ReferralStatus.Closed ? s : (ReferralStatus?)null;
            EndingReason? ending = null;
            ClosureReason? closure = null;
            var reason = row[C.Reason];
            if (status is null)
            {
                Error(row, row[C.Status] is null
                    ? "the status is missing (ended, not-suitable, withdrawn or closed)"
                    : $"unknown status \"{row[C.Status]}\" (ended, not-suitable, withdrawn or closed: only finished cases are imported)");
            }
            else if (status == ReferralStatus.Ended)
            {
                ending = V.Choice<EndingReason>(reason);
                if (ending is null)
                {
                    Error(row, reason is null
                        ? $"an ended case needs the reason it ended ({V.Words<EndingReason>()})"
                        : $"unknown reason \"{reason}\" for an ended case ({V.Words<EndingReason>()})");
                }
            }
            else if (status is ReferralStatus.NotSuitable or ReferralStatus.Closed)
            {
                closure = reason is null ? ClosureReason.Other : V.Choice<ClosureReason>(reason);
                var allowed = status == ReferralStatus.NotSuitable
                    ? Enum.GetValues<ClosureReason>().Where(c => c is not (ClosureReason.NoResponseToContact or ClosureReason.DuplicateReferral or ClosureReason.DeclinedService)).ToArray()
                    : Enum.GetValues<ClosureReason>();
                if (closure is null || !allowed.Contains(closure.Value))
                {
                    Error(row, $"unknown reason \"{reason}\" for a {(status == ReferralStatus.NotSuitable ? "not-suitable" : "closed")} referral ({string.Join(", ", allowed)})");
                }
            }
            if (Errors.Count > errors)
            {
                return null;
            }
            return new CaseData
            {
                CaseId = row.CaseId!,
                Line = row.Line,
                Route = route!.Value,
                ClientType = clientType!.Value,
                Status = status!.Value,
                EndingReason = ending,
                ClosureReason = closure,
                Received = received!.Value,
                End = end!.Value,
            };
        }

        /// <summary>The person number (1 or 2) of a row, checked against the case (and that the case has that person's row); null (and an error) when wrong.</summary>
        private int? PersonOf(ImportRow row, CaseData? c, bool needsPersonRow)
        {
            var value = row[C.Person];
            if (value is null)
            {
                Error(row, "the person (1 or 2) is missing");
                return null;
            }
            if (value is not ("1" or "2"))
            {
                Error(row, $"the person must be 1 or 2, not \"{value}\"");
                return null;
            }
            var n = value == "1" ? 1 : 2;
            if (c is not null && n == 2 && c.ClientType == ClientType.Individual)
            {
                Error(row, "person 2 is given, but the referral is for an individual");
                return null;
            }
            if (needsPersonRow && !personRows.Contains($"{row.CaseId!.ToUpperInvariant()}|{value}"))
            {
                Error(row, $"there is no person row for person {n} of this case");
                return null;
            }
            return n;
        }

        private bool Duplicate(ImportRow row, Dictionary<string, int> seen, string key, string what)
        {
            key = $"{row.Record}|{row.CaseId!.ToUpperInvariant()}|{key}";
            if (seen.TryGetValue(key, out var first))
            {
                Error(row, $"{what} repeats line {first}");
                return true;
            }
            seen[key] = row.Line;
            return false;
        }

        private void InCase(ImportRow row, CaseData? c, DateOnly date, string what, bool mayFollow = false)
        {
            if (c is null) return;
            if (date < c.Received)
            {
                Error(row, $"the {what} {date:yyyy-MM-dd} is before the referral was received ({c.Received:yyyy-MM-dd})");
            }
            else if (!mayFollow && date > c.End)
            {
                Error(row, $"the {what} {date:yyyy-MM-dd} is after the case ended ({c.End:yyyy-MM-dd})");
            }
        }

        private void ReadPerson(ImportRow row, CaseData? c, Dictionary<string, int> seen)
        {
            var errors = Errors.Count;
            var n = PersonOf(row, c, needsPersonRow: false);
            if (n is not null && Duplicate(row, seen, n.Value.ToString(CultureInfo.InvariantCulture), $"person {n}"))
            {
                return;
            }
            var first = row[C.FirstName];
            var last = row[C.LastName];
            if (first?.Length > 100 || last?.Length > 100)
            {
                Error(row, "a name is longer than 100 characters");
            }
            if ((first is null) != (last is null))
            {
                Error(row, "give both first_name and last_name, or neither");
            }
            var gender = row[C.Gender]?.ToUpperInvariant();
            if (!GenderIdentity.IsValid(gender))
            {
                Error(row, $"unknown gender code \"{row[C.Gender]}\" (NHS gender identity codes: {string.Join(", ", GenderIdentity.All.Select(g => g.Code))})");
            }
            var ethnicity = row[C.EthnicCategory]?.ToUpperInvariant();
            if (!EthnicCategory.IsValid(ethnicity))
            {
                Error(row, $"unknown ethnic category code \"{row[C.EthnicCategory]}\" (NHS ethnic category codes A to S, or Z for not stated)");
            }
            DateOnly? birth = null;
            if (row[C.DateOfBirth] is not null)
            {
                birth = RequiredDate(row, C.DateOfBirth, "date of birth");
                if (birth is { } b && b.Year < 1900)
                {
                    Error(row, $"the date of birth {b:yyyy-MM-dd} is before 1900");
                }
                if (row[C.BirthYear] is not null)
                {
                    Error(row, "give the date_of_birth or the birth_year, not both");
                }
            }
            else if (row[C.BirthYear] is { } year)
            {
                if (V.Whole(year) is { } y && y >= 1900 && y <= today.Year)
                {
                    birth = new DateOnly(y, 7, 1); // mid-year: an age within a year either way
                }
                else
                {
                    Error(row, $"the birth_year \"{year}\" is not a year between 1900 and {today.Year}");
                }
            }
            var marital = Optional<MaritalStatus>(row, C.MaritalStatus);
            var qualification = Optional<Qualification>(row, C.Qualification);
            var employment = Optional<Employment>(row, C.Employment);
            int? years = null;
            if (row[C.RelationshipYears] is { } ry)
            {
                years = V.Whole(ry);
                if (years is not (>= 0 and <= 80))
                {
                    Error(row, $"the relationship_years \"{ry}\" is not a whole number of years from 0 to 80");
                }
            }
            var consent = false;
            if (row[C.ConsentToEvaluation] is { } cv)
            {
                if (V.YesNo(cv) is { } yes) consent = yes;
                else Error(row, $"the consent_to_evaluation \"{cv}\" is not yes or no");
            }
            if (Errors.Count > errors || c is null || n is null)
            {
                return;
            }
            c.People[n.Value] = new PersonData
            {
                Line = row.Line,
                FirstName = first,
                LastName = last,
                DateOfBirth = birth,
                Gender = gender,
                Ethnicity = ethnicity,
                MaritalStatus = marital,
                RelationshipYears = years,
                Qualification = qualification,
                Employment = employment,
                ConsentToEvaluation = consent,
            };
        }

        private T? Optional<T>(ImportRow row, string column) where T : struct, Enum
        {
            if (row[column] is not { } value) return null;
            var parsed = V.Choice<T>(value);
            if (parsed is null)
            {
                Error(row, $"unknown {column} \"{value}\" ({V.Words<T>()})");
            }
            return parsed;
        }

        private void ReadAssessment(ImportRow row, CaseData? c, Dictionary<string, int> seen)
        {
            var errors = Errors.Count;
            var date = RequiredDate(row, C.Date, "date of the assessment");
            var kind = V.Choice<AssessmentKind>(row[C.Kind]);
            int? person = null;
            if (kind is null)
            {
                Error(row, row[C.Kind] is null ? "the kind of assessment (individual or joint) is missing" : $"unknown kind \"{row[C.Kind]}\" (individual or joint)");
            }
            else if (kind == AssessmentKind.Joint)
            {
                if (c?.ClientType == ClientType.Individual)
                {
                    Error(row, "a joint assessment is for a couple, but the referral is for an individual");
                }
                if (row[C.Person] is not null)
                {
                    Error(row, "a joint assessment is of both partners: leave person blank");
                }
            }
            else
            {
                person = PersonOf(row, c, needsPersonRow: true);
            }
            if (date is { } d)
            {
                InCase(row, c, d, "assessment date");
            }
            if (kind is not null && Errors.Count == errors
                && Duplicate(row, seen, $"{kind}|{person}", kind == AssessmentKind.Joint ? "the joint assessment" : $"the individual assessment of person {person}"))
            {
                return;
            }
            if (Errors.Count == errors && c is not null)
            {
                c.Assessments.Add(new AssessmentData(kind!.Value, person, date!.Value));
            }
        }

        private void ReadSession(ImportRow row, CaseData? c, Dictionary<string, int> seen)
        {
            var errors = Errors.Count;
            var date = RequiredDate(row, C.Date, "date of the session");
            TimeOnly? time = null;
            if (row[C.Time] is not { } t)
            {
                Error(row, "the time of the session (time, e.g. 18:30) is missing");
            }
            else if ((time = UkTime.ParseTime(t)) is null)
            {
                Error(row, $"the time \"{t}\" is not a 24-hour time such as 18:30");
            }
            DateTime? startsAt = null;
            if (date is { } d && time is { } tm)
            {
                startsAt = UkTime.ToUtc(d, tm);
                if (startsAt is null)
                {
                    Error(row, $"{d:yyyy-MM-dd} {tm:HH\\:mm} does not exist in UK time (the clocks went forward)");
                }
                else if (startsAt > nowUtc)
                {
                    Error(row, $"the session {d:yyyy-MM-dd} {tm:HH\\:mm} is in the future");
                }
                InCase(row, c, d, "session date");
            }
            var attendance = V.Attendance(row[C.Attendance]);
            if (attendance is null)
            {
                Error(row, row[C.Attendance] is null
                    ? "the attendance is missing (attended, late, did-not-attend, cancelled-by-client or cancelled-by-service)"
                    : $"unknown attendance \"{row[C.Attendance]}\" (attended, late, did-not-attend, cancelled-by-client or cancelled-by-service)");
            }
            var minutes = 60;
            if (row[C.Minutes] is { } m && V.Whole(m) is not (>= 10 and <= 300) )
            {
                Error(row, $"the minutes \"{m}\" is not a whole number from 10 to 300");
            }
            else if (row[C.Minutes] is { } ok)
            {
                minutes = V.Whole(ok)!.Value;
            }
            var mode = SessionMode.InPerson;
            if (row[C.Mode] is { } mv)
            {
                if (V.Mode(mv) is { } parsed) mode = parsed;
                else Error(row, $"unknown mode \"{mv}\" (in-person, video or phone)");
            }
            var attendedBy = c?.ClientType == ClientType.Individual ? SessionClients.PrimaryOnly : SessionClients.Both;
            if (row[C.AttendedBy] is { } ab)
            {
                if (V.AttendedBy(ab) is not { } parsed)
                {
                    Error(row, $"unknown attended_by \"{ab}\" (both, 1 or 2)");
                }
                else if (c?.ClientType == ClientType.Individual && parsed != SessionClients.PrimaryOnly)
                {
                    Error(row, "attended_by names a partner, but the referral is for an individual");
                }
                else if (attendance is not (AttendanceOutcome.Attended or AttendanceOutcome.Late))
                {
                    Error(row, "attended_by is given for a session nobody attended");
                }
                else
                {
                    attendedBy = parsed;
                }
            }
            if (startsAt is not null && Errors.Count == errors
                && Duplicate(row, seen, startsAt.Value.ToString("O", CultureInfo.InvariantCulture), "a session at the same date and time"))
            {
                return;
            }
            if (Errors.Count == errors && c is not null)
            {
                c.Sessions.Add(new SessionData(startsAt!.Value, minutes, mode, attendance!.Value, attendedBy));
            }
        }

        private void ReadScore(ImportRow row, CaseData? c, Dictionary<string, int> seen)
        {
            var errors = Errors.Count;
            var person = PersonOf(row, c, needsPersonRow: true);
            var timepoint = V.TimepointOf(row[C.Timepoint]);
            if (timepoint is null)
            {
                Error(row, row[C.Timepoint] is null
                    ? "the timepoint is missing (intake, session, end or follow-up)"
                    : $"unknown timepoint \"{row[C.Timepoint]}\" (intake, session, end or follow-up)");
            }
            var date = RequiredDate(row, C.Date, "date the questionnaire was completed");
            if (date is { } d)
            {
                InCase(row, c, d, "questionnaire date", mayFollow: timepoint == Timepoint.FollowUp);
            }
            var code = row[C.Instrument];
            var instrument = code is null ? null : instruments.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));
            ScoreDefinition? score = null;
            if (code is null)
            {
                Error(row, "the instrument code (e.g. CORE-10) is missing");
            }
            else if (instrument is null)
            {
                Error(row, $"unknown instrument \"{code}\": it must be a questionnaire in use ({string.Join(", ", instruments.Where(i => i.Definition.Scores.Count > 0).Select(i => i.Code).Order(StringComparer.Ordinal))})");
            }
            else
            {
                var scores = instrument.Definition.Scores;
                var key = row[C.ScoreKey];
                score = key is null && scores.Count == 1 ? scores[0] : scores.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
                if (score is null)
                {
                    Error(row, scores.Count == 0
                        ? $"{instrument.Code} has no scores to import (its answers are reported item by item)"
                        : key is null
                            ? $"{instrument.Code} has several scores: say which in score_key ({string.Join(", ", scores.Select(s => s.Key))})"
                            : $"{instrument.Code} has no score \"{key}\" ({string.Join(", ", scores.Select(s => s.Key))})");
                }
            }
            double? value = null;
            var range = score is null ? null : RangeOf(instrument!.Definition, score);
            if (row[C.Value] is not { } raw)
            {
                Error(row, "the value is missing");
            }
            else if ((value = V.Number(raw)) is null)
            {
                Error(row, $"the value \"{raw}\" is not a number (use a full stop for decimals)");
            }
            else if (range is { } r && (value < r.Low || value > r.High))
            {
                Error(row, string.Create(CultureInfo.InvariantCulture, $"the value {value} is outside the range of {instrument!.Code} {score!.Key} ({r.Low}–{r.High})"));
            }
            if (Errors.Count == errors
                && Duplicate(row, seen, $"{person}|{instrument!.Code.ToUpperInvariant()}|{score!.Key}|{timepoint}|{date:yyyy-MM-dd}", "the same score, person, timepoint and date"))
            {
                return;
            }
            if (Errors.Count == errors && c is not null)
            {
                c.Scores.Add(new ScoreData(person!.Value, instrument!, score!, timepoint!.Value, date!.Value, value!.Value, range?.Items ?? 0));
            }
        }

        /// <summary>
        /// The lowest and highest a score can be: a sum adds its items' (and linked items') answer ranges; a mean runs
        /// over one item's range. Linked items of a questionnaire not in use are left out of the range.
        /// </summary>
        private (double Low, double High, int Items)? RangeOf(InstrumentDefinition d, ScoreDefinition score)
        {
            var options = (score.Items.Count == 0 ? d.Items : d.Items.Where(i => score.Items.Contains(i.Number)))
                .Select(d.OptionsFor).ToList();
            foreach (var link in score.LinkedItems)
            {
                var parts = link.Split(':');
                var other = instruments.FirstOrDefault(i => string.Equals(i.Code, parts[0], StringComparison.OrdinalIgnoreCase))?.Definition;
                var item = parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var number)
                    ? other?.Items.FirstOrDefault(i => i.Number == number) : null;
                if (other is not null && item is not null)
                {
                    options.Add(other.OptionsFor(item));
                }
            }
            if (options.Count == 0 || options.Any(o => o.Count == 0))
            {
                return null;
            }
            return score.Aggregate == Aggregate.Mean
                ? (options.Min(o => o.Min(x => x.Value)), options.Max(o => o.Max(x => x.Value)), options.Count)
                : (options.Sum(o => o.Min(x => x.Value)), options.Sum(o => o.Max(x => x.Value)), options.Count);
        }
    }
}
