namespace RelationshipSupport.Web.Infrastructure;

/// <summary>
/// Outside Development every member of staff must have an authenticator app: a signed-in user without
/// one is sent to set it up before any other page.
/// </summary>
public sealed class RequireTwoFactorMiddleware(RequestDelegate next, SecurityOptions options)
{
    public const string SetupPath = "/account/two-factor";

    public Task InvokeAsync(HttpContext context)
    {
        if (options.RequireTwoFactor
            && context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim(StaffClaimsPrincipalFactory.TwoFactorClaim, "true")
            && !context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
