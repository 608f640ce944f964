using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Signposting;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Signposting;

/// <summary><c>/admin/signposting/add</c>: a new service in the directory.</summary>
public sealed class AddModel(IMediator mediator) : PageModel
{
    [BindProperty] public AddSignpostingEntry.Command Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await mediator.Send(Input, ct);
            TempData[AdminDisplay.SuccessKey] = "Service added to the directory";
            return Redirect("/admin/signposting");
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            return Page();
        }
    }
}
