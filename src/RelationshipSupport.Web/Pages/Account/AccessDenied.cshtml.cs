using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/access-denied</c>: where the cookie handler sends a signed-in member of staff who asks for a page
/// their role does not allow. Answers 403 so tools and tests see a refusal, not a normal page.
/// </summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
