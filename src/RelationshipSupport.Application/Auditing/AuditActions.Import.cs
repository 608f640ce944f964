namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // The import of past data (issue 6): codes and counts only, never names or the file's rows.
    /// <summary>A file was checked without importing (the detail holds the counts, or the number of errors).</summary>
    public const string ImportChecked = "import.checked";
    /// <summary>An import was refused because the file has errors (the detail holds how many).</summary>
    public const string ImportRefused = "import.refused";
    /// <summary>A file was imported: the entity is the import batch, the detail the programme and counts.</summary>
    public const string ImportCompleted = "import.imported";
    /// <summary>The list of past imports was viewed.</summary>
    public const string ImportBatchesViewed = "import.batches-viewed";
}
