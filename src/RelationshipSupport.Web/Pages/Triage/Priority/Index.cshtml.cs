using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage.Priority;

/// <summary><c>/triage/referral/{reference}/priority</c>: a supervisor marks a waiting referral as a priority, or removes the mark; others only see it.</summary>
public sealed class IndexModel(IMediator mediator) : CasePageModel(mediator)
{
    public static readonly IReadOnlyList<Choice> YesNo = [new("true", "Yes, see this referral before others"), new("false", "No")];

    [BindProperty] public SetReferralPriority.Command Input { get; set; } = new();

    public bool CanChange => User.IsInRole(Roles.Supervisor);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        TakeSuccess();
        Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        Input.IsPriority = Case.IsPriority;
        Input.Reason = Case.PriorityReason;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!CanChange) return Forbid();
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                TempData[SuccessKey] = result!.IsPriority ? "Marked as a priority" : "Priority removed";
                return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
            }
            if (!await LoadAsync(reference, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            Case = await Mediator.Send(new GetCaseSummary.Query(reference, "priority"), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
