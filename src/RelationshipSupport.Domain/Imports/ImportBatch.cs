namespace RelationshipSupport.Domain.Imports;

/// <summary>
/// One file of past data imported into a programme (docs/import-format.md): which file (its name and SHA-256, so the
/// same file is never imported twice), who imported it and when, and what it added. The referrals it created point
/// to it (<see cref="Referrals.Referral.ImportBatchId"/>); everything under an imported referral came from the file.
/// </summary>
public class ImportBatch
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string FileSha256 { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
    public string? ImportedByUserId { get; set; }
    public string ImportedByName { get; set; } = "";

    public int Referrals { get; set; }
    public int People { get; set; }
    public int Assessments { get; set; }
    public int Sessions { get; set; }
    public int Scores { get; set; }
    /// <summary>Cases in the file that an earlier import had already added, so they were left as they were.</summary>
    public int SkippedCases { get; set; }
}
