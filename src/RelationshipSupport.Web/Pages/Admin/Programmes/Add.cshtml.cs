using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary><c>/admin/programmes/add</c>: a new programme; its criteria and referral sources are added afterwards.</summary>
public sealed class AddModel(IMediator mediator) : PageModel
{
    [BindProperty] public AddProgramme.Command Input { get; set; } = new();

    public void OnGet()
    {
        Input.Routes = [ReferralRoute.SelfReferral];
        Input.MinSessions = "4";
        Input.MaxSessions = "6";
        Input.MaxSessionMinutes = "60";
        Input.UnansweredAttemptsBeforeClosure = "3";
        Input.ReportStyle = ReportStyle.Hee;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Binding problems (a tampered option, say) surface as the validator's own clear messages.
        ModelState.Clear();
        try
        {
            var result = await mediator.Send(Input, ct);
            TempData[AdminDisplay.SuccessKey] = "Programme added: now add its criteria and referral sources";
            return Redirect($"/admin/programmes/{result.Code}");
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            return Page();
        }
    }
}
