using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace RelationshipSupport.Web.Infrastructure;

/// <summary>
/// Keeps clients' questionnaire links out of the logs. The token in <c>/q/{token}</c> opens a client's questionnaire,
/// so it must not be written where operators read: every string property of every log event (the request path of the
/// request log, and the <c>RequestPath</c> that ASP.NET Core's request scope puts on everything logged during a
/// request) has the token replaced before any sink sees it.
/// </summary>
public sealed partial class QuestionnaireLinkRedaction : ILogEventEnricher
{
    public const string Replacement = "/q/[link]";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? redacted = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && text.Contains("/q/", StringComparison.OrdinalIgnoreCase))
            {
                (redacted ??= []).Add(new LogEventProperty(name, new ScalarValue(Redact(text))));
            }
        }
        foreach (var property in redacted ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    public static string Redact(string text) => LinkPattern().Replace(text, Replacement);

    [GeneratedRegex("/q/[^/?#\\s\"]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
