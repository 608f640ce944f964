using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Outcomes.Online;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Web.Pages.Q;

/// <summary>
/// <c>/q/{token}/done</c>: the thank-you after submitting. When the answers just submitted raised a risk alert, the
/// crisis contacts come first (with domestic abuse services when the alert is about abuse or violence) and the client is
/// told that their therapist and the therapist's supervisor know. That message is for the browser that submitted only
/// (it travels in TempData): anyone opening the link later sees the plain "already submitted" page, which gives away
/// nothing about the answers.
/// </summary>
public sealed class DoneModel(IMediator mediator) : ClientLinkPageModel(mediator)
{
    public GetClientQuestionnaire.ClientQuestionnaire Questionnaire { get; private set; } = default!;

    public IReadOnlyList<RiskArea> RiskAreas { get; private set; } = [];

    public bool RiskRaised => RiskAreas.Count > 0;

    public bool AboutAbuseOrViolence => RiskAreas.Any(a => a is RiskArea.DomesticAbuse or RiskArea.HarmToOthers);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Mediator.Send(new GetClientQuestionnaire.Query(Token, "thank-you", AfterSubmit: true), ct);
        if (result.Refusal is { } refusal)
        {
            return Refused(refusal, result.ServiceName);
        }
        Questionnaire = result.Questionnaire!;
        ServiceName = Questionnaire.ServiceName;
        if (Questionnaire.Status != Domain.Outcomes.QuestionnaireStatus.Completed)
        {
            return Redirect(LinkBase);
        }
        if (TempData.Peek(SubmittedKey) is not int submitted || submitted != Questionnaire.RequestId)
        {
            return Refused(LinkRefusal.AlreadySubmitted, ServiceName);
        }
        RiskAreas = (TempData.Peek(RiskKey) as string ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => Enum.TryParse<RiskArea>(a, out var area) ? area : (RiskArea?)null)
            .OfType<RiskArea>().ToList();
        return Page();
    }
}
