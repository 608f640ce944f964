using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Instruments;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Web.Pages.Admin.Instruments;

/// <summary>
/// <c>/admin/instruments/upload</c>: add a questionnaire, or a new version of one, from a definition file. A refused
/// file lists every problem in the error summary, each in its own line linking to the file field (the page writes
/// its own summary: the shared one shows one message per field).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class UploadModel(IMediator mediator) : PageModel
{
    /// <summary>Room for the largest file allowed and the rest of the form; a bigger file is refused by the handler's own message.</summary>
    private const int MaxRequestBytes = 2 * 1024 * 1024;

    public const string FileField = "DefinitionFile";

    [BindProperty(Name = FileField)] public IFormFile? DefinitionFile { get; set; }

    /// <summary>Why the file was refused, every problem in the order found; each links to the file field.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var command = new UploadInstrument.Command
        {
            FileName = DefinitionFile?.FileName,
            Length = DefinitionFile?.Length ?? 0,
            Content = DefinitionFile is { Length: > 0 and <= UploadInstrument.MaxBytes } file ? await ReadAsync(file, ct) : null,
        };
        try
        {
            var result = await mediator.Send(command, ct);
            TempData[AdminDisplay.SuccessKey] = result switch
            {
                { Stored: false } => $"Nothing added: the file is the same as {result.Code} version {result.Version}",
                { IsRetired: true } => $"{result.Code} version {result.Version} added. The questionnaire is retired: reinstate it to give it again",
                { Version: 1 } => $"{result.Code} added as version 1. Choose the programmes that give it in their settings",
                _ => $"{result.Code} version {result.Version} added: new questionnaires use it from now on",
            };
            return Redirect($"/admin/instruments/{Uri.EscapeDataString(result.Code)}/{result.Version}");
        }
        catch (ValidationFailedException ex)
        {
            Problems = ex.Errors.Select(e => e.Message).ToList();
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or DomainException)
        {
            Problems = [ex is ConcurrencyConflictException
                ? "Someone else added a version of this questionnaire at the same moment. Nothing was saved from your file: check the list of questionnaires, then upload it again if it is still needed."
                : ex.Message];
        }
        // For the page's title ("Error: …"), as on every refused form.
        ModelState.AddModelError(FileField, Problems[0]);
        return Page();
    }

    private static async Task<string> ReadAsync(IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }
}
