using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Hubs;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Admin.Hubs;

/// <summary><c>/admin/hubs/add</c>: a new referral source for a programme.</summary>
public sealed class AddModel(IMediator mediator) : PageModel
{
    [BindProperty] public AddHub.Command Input { get; set; } = new();

    public IReadOnlyList<Choice> Programmes { get; private set; } = [];

    public async Task OnGetAsync([FromQuery] string? programme, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.ProgrammeCode = programme;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await mediator.Send(Input, ct);
            TempData[AdminDisplay.SuccessKey] = "Referral source added";
            return Redirect($"/admin/hubs#programme-{Input.ProgrammeCode}");
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Programmes = (await mediator.Send(new GetHubs.Query(), ct)).Select(p => new Choice(p.ProgrammeCode, p.ProgrammeName)).ToList();
}
