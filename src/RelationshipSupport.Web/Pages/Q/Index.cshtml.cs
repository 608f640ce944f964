using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Outcomes.Online;

namespace RelationshipSupport.Web.Pages.Q;

/// <summary>
/// <c>/q/{token}</c>: the link in the client's email. It takes the client to the first questionnaire with a question
/// not yet answered (so a half-finished one resumes where they left it), or to the check step when all are answered;
/// a link that does not work shows why.
/// </summary>
public sealed class IndexModel(IMediator mediator) : ClientLinkPageModel(mediator)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Mediator.Send(new GetClientQuestionnaire.Query(Token, "start"), ct);
        if (result.Refusal is { } refusal)
        {
            return Refused(refusal, result.ServiceName);
        }
        var questionnaire = result.Questionnaire!;
        return Redirect(questionnaire.ResumeStep == questionnaire.StepCount ? CheckUrl : StepUrl(questionnaire.ResumeStep));
    }
}
