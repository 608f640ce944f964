using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace RelationshipSupport.Tests.Support;

/// <summary>Collects every log event the app writes (Serilog picks up sinks registered in DI).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Each event rendered in full: message, every property, and any exception.</summary>
    public IReadOnlyList<string> RenderedLines() => _events.Select(e =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception).ToList();
}
