namespace RelationshipSupport.Web.Infrastructure;

/// <summary>Configuration section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Every staff account must use an authenticator app. On by default; Development turns it off.</summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>How often a signed-in session is checked against its account (deactivated, roles changed).</summary>
    public int SessionCheckSeconds { get; set; } = 60;
}

/// <summary>Configuration section <c>RateLimiting</c>: limits on the public referral POSTs, per client address.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public int ReferralPermitLimit { get; set; } = 10;
    public int ReferralWindowSeconds { get; set; } = 600;
}
