namespace RelationshipSupport.Domain.Referrals;

public partial class Referral
{
    /// <summary>Set on a referral imported from a service's past records; null for one made in this system.</summary>
    public int? ImportBatchId { get; set; }

    /// <summary>The service's own case id in the imported file: with the programme, it stops a case being imported twice.</summary>
    public string? ExternalCaseId { get; set; }

    public const int MaxExternalCaseIdLength = 50;
}
