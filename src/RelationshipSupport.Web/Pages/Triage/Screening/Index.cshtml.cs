using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary>
/// <c>/triage/referral/{reference}/screening</c>: the programme's criteria as a checklist, notes and the outcome (accept,
/// not suitable with its reason and signposting, or refer to a supervisor). A supervisor may accept against the criteria,
/// giving the reason.
/// </summary>
public sealed class IndexModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public RecordScreening.Command Input { get; set; } = new();

    public GetScreeningCase.Details Case { get; private set; } = default!;

    public string? Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        Success = TempData[SuccessKey] as string;
        Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        // A screening referred to a supervisor opens with the ticks it was referred with.
        var last = Case.AwaitingSupervisor ? Case.Last : null;
        Input.Answers = Case.Criteria.Select(c => new RecordScreening.Answer
        {
            CriterionId = c.Id,
            Met = last is not null && last.MetByCriterionId.TryGetValue(c.Id, out var met) ? met : null,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        var (notFound, result) = await TrySendAsync(Input, ct);
        if (notFound) return NotFound();
        if (result is not null)
        {
            TempData[SuccessKey] = result.Outcome switch
            {
                ScreeningOutcome.Accept when result.Overridden => $"Screening recorded: accepted by supervisor override. The referral is now \"{ReferralWorkflow.Describe(result.Status).ToLowerInvariant()}\"",
                ScreeningOutcome.Accept => $"Screening recorded: accepted. The referral is now \"{ReferralWorkflow.Describe(result.Status).ToLowerInvariant()}\"",
                ScreeningOutcome.NotSuitable => "Screening recorded: not suitable. The referral is closed and the outcome emails are on their way",
                _ => "Screening recorded: referred to a supervisor",
            };
            return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
        }
        return await ShowAgainAsync(reference, ct);
    }

    /// <summary>Shows the person's outcome email for the services ticked, keeping every value; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(reference, ct)) return NotFound();
        BuildPreview(Case, Input.NotSuitable);
        return Page();
    }

    private async Task<IActionResult> ShowAgainAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        else if (!ModelState.IsValid) AddUnansweredErrors();
        return Page();
    }

    /// <summary>
    /// When the form is refused for another reason (no outcome, say), the handler never got as far as the checklist:
    /// name the unanswered criteria too, in its words, so everything is fixed in one go.
    /// </summary>
    private void AddUnansweredErrors()
    {
        foreach (var criterion in Case.Criteria)
        {
            var i = Input.Answers.FindIndex(a => a.CriterionId == criterion.Id);
            var key = $"Input.Answers[{i}].Met";
            if (i < 0 || Input.Answers[i].Met is not null || ModelState.ContainsKey(key)) continue;
            ModelState.AddModelError(key, criterion.Kind == Domain.Programmes.CriterionKind.Inclusion
                ? $"Say whether \"{criterion.Text}\" is met"
                : $"Say whether \"{criterion.Text}\" applies");
        }
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            Case = await Mediator.Send(new GetScreeningCase.Query(reference, "screening"), ct);
            ViewData["SignpostingDirectory"] = Case.Directory;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>The answer of a criterion in the form (bound or prefilled), by position, so names and errors line up.</summary>
    public int IndexOf(int criterionId)
    {
        var i = Input.Answers.FindIndex(a => a.CriterionId == criterionId);
        if (i >= 0) return i;
        Input.Answers.Add(new RecordScreening.Answer { CriterionId = criterionId });
        return Input.Answers.Count - 1;
    }
}
