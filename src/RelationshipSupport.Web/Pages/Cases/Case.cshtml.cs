using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Assessments;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Web.Pages.Cases;

/// <summary>
/// <c>/cases/{reference}</c>: the case overview. Oversight level and above (404 and audited otherwise); assessment
/// content and risk details only at Clinical level. The case's therapist starts assessments and offers therapy here;
/// a supervisor acknowledges risk alerts.
/// </summary>
public sealed class CaseModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "overview";

    public GetCaseOverview.Overview Overview { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) =>
        await LoadAsync(reference, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(string reference, AssessmentKind? kind, int? personId, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (sent, result) = await TrySendAsync(new StartAssessment.Command { Reference = reference, Kind = kind, PersonId = personId }, ct);
            if (sent)
            {
                return Redirect($"/cases/{result!.Reference}/assessments/{result.AssessmentId}");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostOfferAsync(string reference, Guid concurrencyStamp, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (sent, result) = await TrySendAsync(new OfferTherapy.Command { Reference = reference, ConcurrencyStamp = concurrencyStamp }, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}", "Therapy offered: the case is now in therapy and sessions can be scheduled");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(string reference, int alertId, string? from, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (sent, result) = await TrySendAsync(new AcknowledgeRiskAlert.Command { Reference = reference, AlertId = alertId }, ct);
            if (sent)
            {
                return RedirectWithSuccess(from == "caseload" ? "/cases" : $"/cases/{result!.Reference}", $"Risk alert on case {result!.Reference} acknowledged");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            Overview = await Mediator.Send(new GetCaseOverview.Query(reference), ct);
            Case = Overview.Header;
            Success = TempData[SuccessKey] as string;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
