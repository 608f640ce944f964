using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary><c>/admin/programmes</c>: the programmes, each linking to its settings and criteria.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<GetProgrammes.Row> Programmes { get; private set; } = [];
    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programmes = await mediator.Send(new GetProgrammes.Query(), ct);
        Success = TempData[AdminDisplay.SuccessKey] as string;
    }
}
