using MediatR;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Web.Infrastructure;

public static class PageModelExtensions
{
    /// <summary>Copies validation failures into ModelState under the bound property's prefix, in the validator's order.</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationFailedException ex, string prefix)
    {
        foreach (var (property, message) in ex.Errors)
        {
            var key = string.IsNullOrEmpty(property) ? prefix : $"{prefix}.{property}";
            modelState.AddModelError(key, message);
        }
    }

    /// <summary>
    /// Sends a command for a form page. A refusal (validation, a business rule, someone else's newer change) becomes
    /// messages in ModelState under <paramref name="prefix"/>, for the error summary; Conflict says it was the last.
    /// </summary>
    public static async Task<(bool Sent, T? Result, bool Conflict)> TrySendAsync<T>(
        this ModelStateDictionary modelState, IMediator mediator, IRequest<T> request, string prefix, CancellationToken ct)
    {
        try
        {
            return (true, await mediator.Send(request, ct), false);
        }
        catch (ValidationFailedException ex)
        {
            modelState.AddValidationErrors(ex, prefix);
        }
        catch (ConcurrencyConflictException ex)
        {
            modelState.AddModelError(string.Empty, ex.Message);
            return (false, default, true);
        }
        catch (DomainException ex)
        {
            modelState.AddModelError(string.Empty, ex.Message);
        }
        return (false, default, false);
    }
}
