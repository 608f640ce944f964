using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace RelationshipSupport.Application.Import;

/// <summary>One data row of an import file: its line in the file and its cells by column name (blank cells left out).</summary>
public sealed class ImportRow(int line, IReadOnlyDictionary<string, string> cells)
{
    public int Line { get; } = line;

    /// <summary>The trimmed value of a column, or null when the cell is blank or the column is absent.</summary>
    public string? this[string column] => cells.TryGetValue(column, out var value) ? value : null;

    public string? Record => this[ImportColumns.Record]?.ToLowerInvariant();
    public string? CaseId => this[ImportColumns.CaseId];
}

/// <summary>The columns of the import format (docs/import-format.md), in the order the documentation gives them.</summary>
public static class ImportColumns
{
    public const string Record = "record";
    public const string CaseId = "case_id";
    public const string Person = "person";
    public const string ReceivedDate = "received_date";
    public const string Route = "route";
    public const string ClientType = "client_type";
    public const string Status = "status";
    public const string Reason = "reason";
    public const string EndDate = "end_date";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Gender = "gender";
    public const string DateOfBirth = "date_of_birth";
    public const string BirthYear = "birth_year";
    public const string EthnicCategory = "ethnic_category";
    public const string MaritalStatus = "marital_status";
    public const string RelationshipYears = "relationship_years";
    public const string Qualification = "qualification";
    public const string Employment = "employment";
    public const string ConsentToEvaluation = "consent_to_evaluation";
    public const string Date = "date";
    public const string Time = "time";
    public const string Kind = "kind";
    public const string Minutes = "minutes";
    public const string Mode = "mode";
    public const string Attendance = "attendance";
    public const string AttendedBy = "attended_by";
    public const string Instrument = "instrument";
    public const string ScoreKey = "score_key";
    public const string Timepoint = "timepoint";
    public const string Value = "value";

    public static readonly IReadOnlyList<string> All =
    [
        Record, CaseId, Person, ReceivedDate, Route, ClientType, Status, Reason, EndDate,
        FirstName, LastName, Gender, DateOfBirth, BirthYear, EthnicCategory, MaritalStatus, RelationshipYears, Qualification, Employment, ConsentToEvaluation,
        Date, Time, Kind, Minutes, Mode, Attendance, AttendedBy, Instrument, ScoreKey, Timepoint, Value,
    ];
}

/// <summary>Reads an import file's rows with CsvHelper; problems with the file's shape become line-numbered errors.</summary>
public static class ImportFileReader
{
    public sealed record Parsed(IReadOnlyList<ImportRow> Rows, IReadOnlyList<(int Line, string Text)> Errors);

    public static Parsed Read(byte[] content)
    {
        var errors = new List<(int Line, string Text)>();
        var rows = new List<ImportRow>();
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new Parsed(rows, [(0, "The file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\".")]);
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            HeaderValidated = null,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
        };
        var bad = new List<int>();
        config.BadDataFound = args => bad.Add(args.Context.Parser?.RawRow ?? 0);

        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            return new Parsed(rows, [(0, "The file is empty: it needs a header row naming the columns, then one row per record.")]);
        }
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var unknown in columns.Where(c => !ImportColumns.All.Contains(c)).Distinct())
        {
            errors.Add((1, unknown.Length == 0
                ? "line 1 (header): a column has no name"
                : $"line 1 (header): unknown column \"{unknown}\" (the columns are listed in docs/import-format.md)"));
        }
        foreach (var repeated in columns.Where(c => c.Length > 0).GroupBy(c => c).Where(g => g.Count() > 1))
        {
            errors.Add((1, $"line 1 (header): the column \"{repeated.Key}\" appears {repeated.Count()} times"));
        }
        foreach (var required in new[] { ImportColumns.Record, ImportColumns.CaseId }.Where(r => !columns.Contains(r)))
        {
            errors.Add((1, $"line 1 (header): the column \"{required}\" is missing"));
        }
        if (errors.Count > 0)
        {
            return new Parsed(rows, errors);
        }

        while (csv.Read())
        {
            var line = csv.Parser.RawRow - csv.Parser.RawRecord.Count(c => c == '\n') + (csv.Parser.RawRecord.EndsWith('\n') ? 1 : 0);
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            var count = csv.Parser.Count;
            if (count > columns.Length)
            {
                errors.Add((line, $"line {line}: the row has {count} cells but the header names {columns.Length} columns"));
                continue;
            }
            for (var i = 0; i < count; i++)
            {
                var value = csv.GetField(i)?.Trim();
                if (!string.IsNullOrEmpty(value))
                {
                    cells[columns[i]] = value;
                }
            }
            if (cells.Count == 0)
            {
                continue; // a row of empty cells, as spreadsheets leave at the end
            }
            rows.Add(new ImportRow(line, cells));
        }
        errors.AddRange(bad.Distinct().Select(l => (l, $"line {l}: a quotation mark is misplaced (a cell with commas or quotes must be wholly in double quotes)")));
        return new Parsed(rows, errors);
    }
}
