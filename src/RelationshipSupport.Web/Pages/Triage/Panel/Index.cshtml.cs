using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Triage;

namespace RelationshipSupport.Web.Pages.Triage.Panel;

/// <summary><c>/triage/panel</c>: each screening panel the user may see, its meetings and the referrals waiting for it.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetPanelOverview.Result Overview { get; private set; } = new([]);

    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overview = await mediator.Send(new GetPanelOverview.Query(), ct);
        Success = TempData[MeetingModel.SuccessKey] as string;
    }
}
