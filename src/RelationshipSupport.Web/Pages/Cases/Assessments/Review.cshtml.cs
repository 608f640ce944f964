using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Assessments;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Cases.Assessments;

/// <summary>
/// <c>/cases/{reference}/assessments/{id}/review</c>: a supervisor with clinical access to the case signs off a
/// submitted assessment or returns it with comments. Other roles 403; a supervisor without clinical access 404.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class ReviewModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "overview";

    [BindProperty] public DecideAssessment.Command Input { get; set; } = new();

    public GetAssessment.View View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        Input.ConcurrencyStamp = View.Assessment.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        Input.AssessmentId = id;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                var message = result!.Status == Domain.Cases.AssessmentStatus.SignedOff
                    ? "Assessment signed off"
                    : "Assessment returned to the therapist with your comments";
                return RedirectWithSuccess("/cases", $"{message} (case {result.Reference})");
            }
            if (!await LoadAsync(reference, id, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict) Input.ConcurrencyStamp = View.Assessment.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, int id, CancellationToken ct)
    {
        try
        {
            View = await Mediator.Send(new GetAssessment.Query(reference, id, "review"), ct);
            Case = View.Header;
            Success = TempData[SuccessKey] as string;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
