using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Outcomes.Online;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Q;

/// <summary>
/// <c>/q/{token}/check</c>: the last step. It lists the questions left unanswered, with links back to them (the client
/// may still submit), asks at the end of the sessions what the client would like to tell the service, and submits.
/// Submitting again, from another tab or the same form, shows "already submitted" and stores nothing more.
/// </summary>
public sealed class CheckModel(IMediator mediator) : ClientLinkPageModel(mediator)
{
    public sealed class FeedbackInput
    {
        public string? FeedbackComment { get; set; }
        public bool MayQuoteFeedback { get; set; }
    }

    [BindProperty] public FeedbackInput Input { get; set; } = new();

    public GetClientQuestionnaire.ClientQuestionnaire Questionnaire { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var shown = await ShowAsync(ct);
        Input = new FeedbackInput
        {
            FeedbackComment = Refusal is null ? Questionnaire.FeedbackComment : null,
            MayQuoteFeedback = Refusal is null && Questionnaire.MayQuoteFeedback,
        };
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var command = new SubmitClientQuestionnaire.Command
        {
            Token = Token,
            FeedbackComment = Input.FeedbackComment,
            MayQuoteFeedback = Input.MayQuoteFeedback,
        };
        var (sent, result, _) = await ModelState.TrySendAsync(Mediator, command, nameof(Input), ct);
        if (sent)
        {
            if (result!.Refusal is { } refusal)
            {
                // "Already submitted" is shown here, as a thank-you, whatever this browser submitted before.
                return Refused(refusal, null);
            }
            TempData[SubmittedKey] = result.RequestId;
            TempData[RiskKey] = string.Join(",", result.RiskAreas);
            return Redirect($"{LinkBase}/done");
        }
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var result = await Mediator.Send(new GetClientQuestionnaire.Query(Token, "check"), ct);
        if (result.Refusal is { } refusal)
        {
            return Refused(refusal, result.ServiceName);
        }
        Questionnaire = result.Questionnaire!;
        ServiceName = Questionnaire.ServiceName;
        return Page();
    }

    public static string Questions(int count) => count == 1 ? "1 question" : $"{count} questions";
}
