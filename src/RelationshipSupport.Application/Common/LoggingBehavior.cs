using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace RelationshipSupport.Application.Common;

/// <summary>
/// Logs each request's name, outcome and timing. Never the request object itself: requests carry
/// names, contact details and clinical text.
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = Name(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("Handled {RequestName} in {ElapsedMs:0.0} ms", RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ValidationFailedException ex)
        {
            logger.LogInformation("{RequestName} refused by validation ({ErrorCount} errors) in {ElapsedMs:0.0} ms",
                RequestName, ex.Errors.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex) when (ex is NotFoundException or ConcurrencyConflictException or RelationshipSupport.Domain.DomainException)
        {
            logger.LogInformation("{RequestName} refused: {Reason}", RequestName, ex.GetType().Name);
            throw;
        }
    }

    private static string Name(Type t) => t.DeclaringType is { } d ? $"{d.Name}.{t.Name}" : t.Name;
}
