using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Outcomes;

/// <summary>
/// <c>/cases/{reference}/outcomes/{requestId}/enter</c>: one of the case's therapists types in a client's answers
/// from a paper form or a session, on the client's behalf, all of the request's questionnaires in one form (every
/// item answered or marked "not answered"). Saving scores them and raises any risk answer at once. Clinical level
/// (404 and audited otherwise); the case's supervisor sees the questions but no form.
/// </summary>
public sealed class EnterModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "outcomes";

    [BindProperty] public EnterAnswers.Command Input { get; set; } = new();

    public GetAnswerForm.Result Form { get; private set; } = default!;

    public static IReadOnlyList<Choice> Options(GetAnswerForm.Item item) =>
        item.Options.Select(o => new Choice(o.Value.ToString(CultureInfo.InvariantCulture), o.Label))
            .Append(new Choice(EnterAnswers.NotAnswered, "Not answered"))
            .ToList();

    public async Task<IActionResult> OnGetAsync(string reference, int requestId, CancellationToken ct)
    {
        if (!await LoadAsync(reference, requestId, ct)) return NotFound();
        Input.ConcurrencyStamp = Form.ConcurrencyStamp;
        Input.Answers = new Dictionary<string, string?>(Form.Saved.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), StringComparer.OrdinalIgnoreCase);
        Input.FeedbackComment = Form.FeedbackComment;
        Input.MayQuoteFeedback = Form.MayQuoteFeedback;
        KeepEveryItem();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int requestId, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        Input.RequestId = requestId;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}/outcomes", !result.Completed
                    ? $"{result.ClientFirstName}'s questionnaires had already been completed: nothing was changed."
                    : $"{result.ClientFirstName}'s answers were entered and scored."
                        + (result.RiskAnswers > 0 ? " A risk answer was given: the supervisor and the case's therapists have been alerted (see the case overview)." : ""));
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, requestId, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Form.ConcurrencyStamp;
        KeepEveryItem();
        return Page();
    }

    /// <summary>Every item has a key in the form's model (null when not chosen yet), so each radio group can show its value.</summary>
    private void KeepEveryItem()
    {
        var answers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Form.Instruments.SelectMany(i => i.Items))
        {
            answers[item.Key] = Input.Answers.TryGetValue(item.Key, out var value) ? value : null;
        }
        Input.Answers = answers;
    }

    private async Task<bool> LoadAsync(string reference, int requestId, CancellationToken ct)
    {
        try
        {
            await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
            Form = await Mediator.Send(new GetAnswerForm.Query(reference, requestId), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
