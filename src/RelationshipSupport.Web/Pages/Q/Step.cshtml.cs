using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Outcomes.Online;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Q;

/// <summary>
/// <c>/q/{token}/{step}</c>: one questionnaire, each question a group of radio buttons showing the answer saved so far.
/// "Save and continue" and "Back" both save what is chosen (questions may be left), then move on or back.
/// </summary>
public sealed class StepModel(IMediator mediator) : ClientLinkPageModel(mediator)
{
    /// <summary>The chosen answers, by question number (<c>Answers[3]=2</c>).</summary>
    [BindProperty] public Dictionary<int, int> Answers { get; set; } = [];

    /// <summary>Which button: <c>back</c> or <c>continue</c>.</summary>
    [BindProperty] public string? Move { get; set; }

    public GetClientQuestionnaire.ClientQuestionnaire Questionnaire { get; private set; } = default!;

    public GetClientQuestionnaire.Step Current { get; private set; } = default!;

    /// <summary>The step, from the address (the route allows only whole numbers).</summary>
    public int StepNumber => int.TryParse(Convert.ToString(RouteData.Values["step"], CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var step = StepNumber;
        var posted = Answers;
        // A value that is not a number (a changed form) is simply not bound; the rest is checked by the domain.
        ModelState.Clear();
        var command = new SaveClientAnswers.Command { Token = Token, Step = step, Answers = posted };
        var (sent, result, _) = await ModelState.TrySendAsync(Mediator, command, "", ct);
        if (sent)
        {
            if (result!.Refusal is { } refusal)
            {
                return Refused(refusal, null);
            }
            if (Move == "back")
            {
                return Redirect(step > 1 ? StepUrl(step - 1) : LinkBase);
            }
            return Redirect(step + 1 >= result.StepCount ? CheckUrl : StepUrl(step + 1));
        }
        return await ShowAsync(posted, ct);
    }

    private async Task<IActionResult> ShowAsync(Dictionary<int, int>? posted, CancellationToken ct)
    {
        var result = await Mediator.Send(new GetClientQuestionnaire.Query(Token, $"step-{StepNumber}"), ct);
        if (result.Refusal is { } refusal)
        {
            return Refused(refusal, result.ServiceName);
        }
        Questionnaire = result.Questionnaire!;
        ServiceName = Questionnaire.ServiceName;
        if (StepNumber < 1 || StepNumber > Questionnaire.Steps.Count)
        {
            return Redirect(StepNumber == Questionnaire.StepCount ? CheckUrl : LinkBase);
        }
        Current = Questionnaire.Steps[StepNumber - 1];
        // After a refusal, what the client chose stays chosen (where it is one of the question's answers).
        Answers = Current.Items.ToDictionary(i => i.Number, i =>
            posted is not null && posted.TryGetValue(i.Number, out var v) && i.Options.Any(o => o.Value == v) ? v : i.Answer ?? int.MinValue);
        return Page();
    }

    public bool IsChosen(GetClientQuestionnaire.Item item, int value) =>
        Answers.TryGetValue(item.Number, out var chosen) && chosen == value;
}
