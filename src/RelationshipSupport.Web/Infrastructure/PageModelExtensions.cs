using Microsoft.AspNetCore.Mvc.ModelBinding;
using RelationshipSupport.Application.Common;

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
}
