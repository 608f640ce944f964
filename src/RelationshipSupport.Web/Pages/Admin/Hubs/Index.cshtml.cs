using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Hubs;

namespace RelationshipSupport.Web.Pages.Admin.Hubs;

/// <summary><c>/admin/hubs</c>: the referral sources of each programme.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<GetHubs.ProgrammeHubs> Programmes { get; private set; } = [];
    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programmes = await mediator.Send(new GetHubs.Query(), ct);
        Success = TempData[AdminDisplay.SuccessKey] as string;
    }
}
