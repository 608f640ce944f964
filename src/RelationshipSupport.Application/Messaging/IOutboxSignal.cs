namespace RelationshipSupport.Application.Messaging;

/// <summary>Wakes the outbox worker after a commit, so mail goes out without waiting for the next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
