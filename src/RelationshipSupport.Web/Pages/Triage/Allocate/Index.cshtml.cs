using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage.Allocate;

/// <summary><c>/triage/referral/{reference}/allocate</c>: choose a therapist (or a lead and a co-therapist) for a waiting referral.</summary>
public sealed class IndexModel(IMediator mediator) : CasePageModel(mediator)
{
    [BindProperty] public AllocateReferral.Command Input { get; set; } = new();

    public IReadOnlyList<TherapistOption> Therapists { get; private set; } = [];

    public IReadOnlyList<Choice> LeadChoices => Therapists.Select(t => new Choice(t.UserId, Label(t), Hint(t))).ToList();

    public IReadOnlyList<Choice> CoChoices => Therapists.Select(t => new Choice(t.UserId, Label(t) + (t.AtCapacity ? " (at capacity)" : ""))).ToList();

    public bool AnyAtCapacity => Therapists.Any(t => t.AtCapacity);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        TakeSuccess();
        Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                TempData[SuccessKey] = result!.TherapistCount == 2 ? "Allocated to two co-therapists" : "Allocated";
                return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            var options = await Mediator.Send(new GetAllocationOptions.Query(reference), ct);
            Case = options.Referral;
            Therapists = options.Therapists;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static string Label(TherapistOption t) => string.IsNullOrWhiteSpace(t.Organisation) ? t.Name : $"{t.Name}, {t.Organisation}";

    private static string Hint(TherapistOption t)
    {
        var load = $"{t.OpenCases} of {t.Capacity} open cases";
        var slots = t.Matches ? $"Matches: {TriageDisplay.Availability(t.MatchingSlots)}" : "No matching times";
        return (t.AtCapacity ? $"At capacity: {load}. " : $"{load}. ")
            + $"Available: {(t.Availability == Availability.None ? "not recorded" : TriageDisplay.Availability(t.Availability))}. {slots}.";
    }
}
