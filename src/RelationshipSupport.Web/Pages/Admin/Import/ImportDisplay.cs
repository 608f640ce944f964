using System.Globalization;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Web.Pages.Admin.Import;

/// <summary>The import page's sentences.</summary>
public static class ImportDisplay
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMM yyyy 'at' HH:mm", EnGb);

    public static string Plural(int n, string one, string many) => $"{n.ToString("N0", EnGb)} {(n == 1 ? one : many)}";

    public static string Counts(ImportCounts c) =>
        $"{Plural(c.Referrals, "referral", "referrals")}, {Plural(c.People, "person", "people")}, {Plural(c.Assessments, "assessment", "assessments")}, "
        + $"{Plural(c.Sessions, "session", "sessions")} and {Plural(c.Scores, "score", "scores")}";

    public static string Skipped(IReadOnlyList<string> caseIds) =>
        $"{Plural(caseIds.Count, "case was", "cases were")} imported before and left as they are: {string.Join(", ", caseIds.Take(20))}{(caseIds.Count > 20 ? " …" : "")}";

    public static string ErrorCount(int n) => $"The file has {Plural(n, "problem", "problems")}, listed below by line. Nothing was imported: correct the file and check it again";

    public static string AlreadyImported(PreviousImport p) =>
        $"This file was imported into {p.ProgrammeCode} on {When(p.ImportedAtUtc)} by {p.ImportedByName}. It has not been imported again";
}
