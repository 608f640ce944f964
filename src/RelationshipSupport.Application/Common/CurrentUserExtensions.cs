using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Common;

public static class CurrentUserExtensions
{
    /// <summary>The signed-in user as the domain records them; supervisors may override screening.</summary>
    public static Actor ToActor(this ICurrentUser user) => new(
        user.UserId ?? throw new InvalidOperationException("This change needs a signed-in user."),
        string.IsNullOrEmpty(user.UserName) ? "Unknown user" : user.UserName,
        user.IsInRole(Roles.Supervisor));
}
