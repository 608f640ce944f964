namespace RelationshipSupport.Application.Reporting.Runs;

/// <summary>Hands a queued report run to the background worker (which also picks up runs left queued at start-up).</summary>
public interface IReportQueue
{
    void Enqueue(int runId);
}
