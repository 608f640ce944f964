using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Instruments;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Admin.Instruments;

/// <summary>
/// <c>/admin/instruments/{code}/{version}</c>: one version of a questionnaire as its definition says (wording,
/// answers, reverse-scored and risk items, scores in words), its definition file to download, and retiring or
/// reinstating the questionnaire.
/// </summary>
public sealed class ViewModel(IMediator mediator) : PageModel
{
    public GetInstrumentVersion.Details Instrument { get; private set; } = default!;
    public string? Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int version, CancellationToken ct)
    {
        if (!await LoadAsync(code, version, ct)) return NotFound();
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    /// <summary>The definition exactly as stored, as a file.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string code, int version, CancellationToken ct)
    {
        if (!await LoadAsync(code, version, ct)) return NotFound();
        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Instrument.DefinitionJson),
            "application/json", $"{Instrument.Code}-v{Instrument.Version}.json");
    }

    public Task<IActionResult> OnPostRetireAsync(string code, int version, CancellationToken ct) =>
        SetRetiredAsync(code, version, retired: true, ct);

    public Task<IActionResult> OnPostReinstateAsync(string code, int version, CancellationToken ct) =>
        SetRetiredAsync(code, version, retired: false, ct);

    private async Task<IActionResult> SetRetiredAsync(string code, int version, bool retired, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new SetInstrumentRetired.Command(code, retired), ct);
            TempData[AdminDisplay.SuccessKey] = (retired, result.Changed) switch
            {
                (true, true) => $"{code} retired: it is no longer given or offered",
                (false, true) => $"{code} reinstated: programmes that schedule it give it again",
                (true, false) => $"{code} was already retired",
                (false, false) => $"{code} was already in use",
            };
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Redirect($"/admin/instruments/{Uri.EscapeDataString(code)}/{version}");
    }

    private async Task<bool> LoadAsync(string code, int version, CancellationToken ct)
    {
        try
        {
            Instrument = await mediator.Send(new GetInstrumentVersion.Query(code, version), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
