using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Infrastructure;

public static class WebComposition
{
    public const string StaffPolicyPrefix = "role:";
    public const string TriagePolicy = "triage";
    /// <summary>Case pages: therapists, supervisors, managers and coordinators; <c>CaseAccess</c> decides per case.</summary>
    public const string CasesPolicy = "cases";

    /// <summary>Reports, dashboards and exports: managers and administrators.</summary>
    public const string ReportingPolicy = "reporting";

    /// <summary>Identity, authorization conventions, rate limits, health checks and data protection.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(security);
        var rateLimits = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();

        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();

        // A signed-in cookie is checked against the account's security stamp this often: deactivating an account
        // (which changes the stamp) ends its open sessions within this time, and role changes reach them too.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(security.SessionCheckSeconds));
        // Invitation links carry a password-reset token.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Application.Admin.Users.UserInvitations.LinkLifetime);
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.Configure<RelationshipSupport.Application.Outcomes.QuestionnaireOptions>(configuration.GetSection(RelationshipSupport.Application.Outcomes.QuestionnaireOptions.Section));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "rs.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in user without the role gets a plain 403 (rendered by the status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorization(o =>
        {
            // Every page needs a signed-in user unless its folder is explicitly public.
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var role in Roles.All)
            {
                o.AddPolicy(StaffPolicyPrefix + role, p => p.RequireAuthenticatedUser().RequireRole(role));
            }
            // Triage: coordinators work it; supervisors decide overrides, priorities and panel cases in it.
            o.AddPolicy(TriagePolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator, Roles.Supervisor));
            o.AddPolicy(CasesPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Therapist, Roles.Supervisor, Roles.Manager, Roles.Coordinator));
            o.AddPolicy(ReportingPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Manager, Roles.Administrator));
        });

        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToFolder("/Refer");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToFolder("/Q");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/Status");
            o.Conventions.AuthorizeFolder("/Triage", TriagePolicy);
            o.Conventions.AuthorizeFolder("/Cases", CasesPolicy);
            o.Conventions.AuthorizeFolder("/Admin", StaffPolicyPrefix + Roles.Administrator);
            o.Conventions.AuthorizeFolder("/Reports", ReportingPolicy);
            o.Conventions.AuthorizeFolder("/Dashboard", ReportingPolicy);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rs.af";
            o.FormFieldName = "__RequestVerificationToken";
        });

        // Keys live in the database so every instance behind a load balancer shares them. In production,
        // DataProtection:CertificatePath (a .pfx) encrypts them at rest.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("RelationshipSupport")
            .PersistKeysToDbContext<AppDbContext>();
        var certificatePath = configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrEmpty(certificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:CertificatePassword"]));
        }

        services.AddRateLimiter(o =>
        {
            // Only the public referral POSTs are limited, per client address; everything else passes.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsReferralPost(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "refer:" + (context.Connection.RemoteIpAddress ?? IPAddress.None),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = rateLimits.ReferralPermitLimit,
                            Window = TimeSpan.FromSeconds(rateLimits.ReferralWindowSeconds),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter("none"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
        });

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return services;
    }

    private static bool IsReferralPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/refer", StringComparison.OrdinalIgnoreCase);

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
        }).AllowAnonymous();
    }
}
