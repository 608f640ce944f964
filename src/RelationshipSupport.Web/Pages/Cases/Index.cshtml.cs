using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Cases.Caseload;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Cases;

/// <summary>
/// <c>/cases</c>: the caseload. Therapists see their open cases; supervisors the cases of the therapists they
/// supervise, with sign-offs, risk alerts and extra-session requests waiting for them; managers caseload against
/// capacity. Coordinators are refused (403).
/// </summary>
[Authorize(Roles = Roles.Therapist + "," + Roles.Supervisor + "," + Roles.Manager)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetCaseload.Result Caseload { get; private set; } = default!;

    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Success = TempData[CaseWorkPageModel.SuccessKey] as string;
        Caseload = await mediator.Send(new GetCaseload.Query(), ct);
    }
}
