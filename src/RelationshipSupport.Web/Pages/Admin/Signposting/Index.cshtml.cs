using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Signposting;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Web.Pages.Admin.Signposting;

/// <summary><c>/admin/signposting</c>: the directory, filtered by kind (a GET form), retired entries on request.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public SignpostingKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool ShowRetired { get; set; }

    public IReadOnlyList<GetSignpostingDirectory.Row> Entries { get; private set; } = [];
    public string? Success { get; private set; }
    public bool IsFiltered => Kind is not null || ShowRetired;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An unknown kind in the address shows everything rather than an error.
        if (Kind is { } kind && !Enum.IsDefined(kind)) Kind = null;
        ModelState.Clear();
        Entries = await mediator.Send(new GetSignpostingDirectory.Query(Kind, ShowRetired), ct);
        Success = TempData[AdminDisplay.SuccessKey] as string;
    }
}
