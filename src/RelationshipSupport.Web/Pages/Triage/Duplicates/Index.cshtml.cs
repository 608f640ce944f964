using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage.Duplicates;

namespace RelationshipSupport.Web.Pages.Triage.Duplicates;

/// <summary><c>/triage/referral/{reference}/duplicates</c>: other referrals that look like the same person, and the coordinator's decision on each.</summary>
public sealed class IndexModel(IMediator mediator) : CasePageModel(mediator)
{
    [BindProperty] public ReviewPossibleDuplicate.Command Input { get; set; } = new();

    public IReadOnlyList<FindPossibleDuplicates.Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        TakeSuccess();
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
                TempData[SuccessKey] = result!.Decision switch
                {
                    ReviewPossibleDuplicate.Decision.Link => $"Linked with {result.OtherReference}",
                    ReviewPossibleDuplicate.Decision.Dismiss => $"{result.OtherReference} recorded as not the same person",
                    _ => $"Closed as a duplicate of {result.OtherReference}",
                };
                return result.Decision == ReviewPossibleDuplicate.Decision.CloseAsDuplicate
                    ? RedirectToPage("/Triage/Referral", new { reference = result.Reference })
                    : RedirectToPage("/Triage/Duplicates/Index", new { reference = result.Reference });
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        return Page();
    }

    public static string MatchedOn(FindPossibleDuplicates.MatchedOn on)
    {
        var parts = new List<string>();
        if (on.HasFlag(FindPossibleDuplicates.MatchedOn.Email)) parts.Add("email address");
        if (on.HasFlag(FindPossibleDuplicates.MatchedOn.Phone)) parts.Add("phone number");
        if (on.HasFlag(FindPossibleDuplicates.MatchedOn.NameAndDateOfBirth)) parts.Add("last name and date of birth");
        return parts.Count == 0 ? "" : char.ToUpperInvariant(parts[0][0]) + string.Join(", ", parts)[1..];
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            var result = await Mediator.Send(new FindPossibleDuplicates.Query(reference), ct);
            Case = result.Referral;
            Rows = result.Rows;
            Input.ConcurrencyStamp = Case.ConcurrencyStamp;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
