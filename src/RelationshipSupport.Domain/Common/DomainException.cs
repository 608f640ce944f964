namespace RelationshipSupport.Domain;

/// <summary>A business rule refused the change; the message is safe to show to the user.</summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }
    public DomainException() { }
    public DomainException(string message, Exception innerException) : base(message, innerException) { }
}
