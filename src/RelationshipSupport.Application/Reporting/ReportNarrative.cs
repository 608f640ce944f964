namespace RelationshipSupport.Application.Reporting;

/// <summary>
/// The words of a report that are not computed: written by a manager per programme and period on the reports page
/// (kept with each run, so the next run for the same period starts from them), defaulting to the programme's texts.
/// Paragraphs are separated by a blank line; lines starting with "- " make a bulleted list; <c>**bold**</c> and
/// <c>*italic*</c> work as in the PDF blocks.
/// </summary>
public sealed record ReportNarrative
{
    public const int MaxLength = 8000;

    /// <summary>The organisation delivering the service, e.g. on the cover ("Provider").</summary>
    public string Provider { get; init; } = "";

    /// <summary>One author per line (the DWP style lists them after the contents).</summary>
    public string Authors { get; init; } = "";

    /// <summary>Added after the generated sentences of the executive summary (DWP style).</summary>
    public string Summary { get; init; } = "";

    /// <summary>Introduction and aims.</summary>
    public string Introduction { get; init; } = "";

    /// <summary>The service model (HEE) or the therapy (DWP).</summary>
    public string ServiceModel { get; init; } = "";

    public string Conclusions { get; init; } = "";

    /// <summary>The texts a report run was asked for with.</summary>
    public static ReportNarrative Of(Domain.Reporting.ReportRun run) => new()
    {
        Provider = run.Provider,
        Authors = run.Authors,
        Summary = run.Summary,
        Introduction = run.Introduction,
        ServiceModel = run.ServiceModel,
        Conclusions = run.Conclusions,
    };
}
