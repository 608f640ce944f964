using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Triage;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary><c>/triage/screening/supervisor</c>: screenings referred to a supervisor, longest waiting first.</summary>
public sealed class SupervisorModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<GetSupervisorReviews.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await mediator.Send(new GetSupervisorReviews.Query(), ct);
}
