using RelationshipSupport.Application;
using RelationshipSupport.Infrastructure;
using RelationshipSupport.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// preserveStaticLogger: each host (several run side by side in the tests) writes through its own logger, not the static one.
builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Enrich.With<QuestionnaireLinkRedaction>(), preserveStaticLogger: true);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWeb(builder.Configuration);

var app = builder.Build();

// Command-line verbs (e.g. `create-admin`) run against the configured database and exit.
if (await CommandLine.TryRunAsync(app, args))
{
    return;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseSerilogRequestLogging(o =>
{
    // Path only: query strings can carry search terms (names). Never bodies or form values.
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
});
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<RequireTwoFactorMiddleware>();
app.UseAuthorization();

app.MapHealth();
app.MapRazorPages();

await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
