using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Domain.Reporting;

public enum ReportRunStatus
{
    Queued = 1,
    Running = 2,
    Ready = 3,
    Failed = 4,
}

/// <summary>
/// One request for an evaluation report: the programme, period, style and the narrative written for it, and — once
/// the background worker has made it — the PDF. Runs are kept: they are the record of what was sent to a
/// commissioner, and the next run for the same programme and period starts from their texts.
/// </summary>
public class ReportRun
{
    public int Id { get; set; }

    /// <summary>The form's one-off id: a second post of the same form finds this run instead of queueing another.</summary>
    public Guid SubmissionId { get; set; }

    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public ReportStyle Style { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    public string Provider { get; set; } = "";
    public string Authors { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Introduction { get; set; } = "";
    public string ServiceModel { get; set; } = "";
    public string Conclusions { get; set; } = "";

    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTime RequestedAtUtc { get; set; }

    public ReportRunStatus Status { get; set; } = ReportRunStatus.Queued;

    /// <summary>What the worker is doing, for the progress line ("Computing the figures", "Drawing the pages").</summary>
    public string? Stage { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }

    public string? FileName { get; set; }
    public byte[]? Content { get; set; }
    public int? PageCount { get; set; }

    /// <summary>Why it failed, in words for the manager (never a stack trace).</summary>
    public string? Error { get; set; }

    public void Start(DateTime nowUtc)
    {
        Status = ReportRunStatus.Running;
        StartedAtUtc = nowUtc;
        Stage = "Computing the figures";
    }

    public void Finish(string fileName, byte[] content, int pageCount, DateTime nowUtc)
    {
        Status = ReportRunStatus.Ready;
        FileName = fileName;
        Content = content;
        PageCount = pageCount;
        CompletedAtUtc = nowUtc;
        Stage = null;
        Error = null;
    }

    public void Fail(string error, DateTime nowUtc)
    {
        Status = ReportRunStatus.Failed;
        Error = error;
        CompletedAtUtc = nowUtc;
        Stage = null;
    }
}
