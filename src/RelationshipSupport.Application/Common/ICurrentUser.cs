namespace RelationshipSupport.Application.Common;

/// <summary>The person (or anonymous visitor) making the current request.</summary>
public interface ICurrentUser
{
    string? UserId { get; }
    string? UserName { get; }
    bool IsInRole(string role);
    string? IpAddress { get; }
    string? CorrelationId { get; }
}
