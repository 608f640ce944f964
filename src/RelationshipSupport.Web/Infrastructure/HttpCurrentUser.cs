using System.Security.Claims;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Infrastructure;

/// <summary>The signed-in member of staff (or anonymous visitor) behind the current HTTP request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.Identity?.IsAuthenticated == true ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    /// <summary>The display name (what the audit log shows as "who"), not the sign-in email.</summary>
    public string? UserName => Principal?.Identity?.IsAuthenticated == true
        ? Principal.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? Principal.Identity.Name
        : null;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    public string? CorrelationId => accessor.HttpContext?.TraceIdentifier;
}
