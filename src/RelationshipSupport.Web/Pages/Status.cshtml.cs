using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RelationshipSupport.Web.Pages;

/// <summary>Friendly pages for error status codes (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title => Code switch
    {
        429 => "Too many attempts",
        404 => "Page not found",
        403 => "Access denied",
        _ => "Sorry, there is a problem with the service",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
