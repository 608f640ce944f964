using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Admin.Import;

/// <summary>
/// <c>/admin/import</c>: an administrator checks a file of past data (docs/import-format.md) against a programme,
/// sees every problem by line or a summary of what it would add, then imports it, all or nothing. The checked file
/// travels back with the confirmation form (it is checked again in full when imported), so nothing is stored before
/// "Import"; the file's hash makes a form sent twice import once. Below, the imports made so far.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Room for the largest file (as uploaded, or base64 in the confirmation form) and the rest of the form.</summary>
    private const int MaxRequestBytes = 4 * ImportPastData.MaxBytes;

    [BindProperty] public string? Programme { get; set; }
    public const string FileField = "File";

    [BindProperty(Name = FileField)] public IFormFile? CsvFile { get; set; }
    /// <summary>The checked file, base64, in the confirmation form.</summary>
    [BindProperty] public string? CheckedContent { get; set; }
    [BindProperty] public string? CheckedFileName { get; set; }

    public IReadOnlyList<Choice> Programmes { get; private set; } = [];
    public IReadOnlyList<GetImportBatches.Batch> Batches { get; private set; } = [];
    public ImportOutcome? Outcome { get; private set; }
    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Success = TempData[AdminDisplay.SuccessKey] as string;
        await LoadAsync(ct);
    }

    /// <summary>"Check file": nothing is stored.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var content = CsvFile is { Length: > 0 and <= ImportPastData.MaxBytes } f ? await ReadAsync(f, ct) : null;
        await SendAsync(new ImportPastData.Command
        {
            ProgrammeCode = Programme,
            FileName = CsvFile?.FileName,
            Length = CsvFile?.Length ?? 0,
            Content = content,
            DryRun = true,
        }, ct);
        if (Outcome is { Succeeded: true })
        {
            CheckedContent = Convert.ToBase64String(content!);
            CheckedFileName = Path.GetFileName(CsvFile!.FileName);
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>"Import": the checked file, checked again and written in one transaction.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        ModelState.Clear();
        byte[]? content = null;
        try
        {
            content = CheckedContent is null ? null : Convert.FromBase64String(CheckedContent);
        }
        catch (FormatException)
        {
        }
        await SendAsync(new ImportPastData.Command
        {
            ProgrammeCode = Programme,
            FileName = CheckedFileName,
            Length = content?.Length ?? 0,
            Content = content,
            DryRun = false,
        }, ct);
        if (Outcome is { Succeeded: true } done)
        {
            var c = done.Counts;
            TempData[AdminDisplay.SuccessKey] = $"Imported {CheckedFileName} into {Programme}: {ImportDisplay.Counts(c)}"
                + (done.SkippedCaseIds.Count > 0 ? $". {ImportDisplay.Skipped(done.SkippedCaseIds)}" : "");
            return Redirect("/admin/import");
        }
        if (Outcome?.Previous is { } previous && Outcome.Errors.Count == 0)
        {
            // A form sent twice, or the same file again: it is in already, once.
            TempData[AdminDisplay.SuccessKey] = ImportDisplay.AlreadyImported(previous);
            return Redirect("/admin/import");
        }
        CheckedContent = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task SendAsync(ImportPastData.Command command, CancellationToken ct)
    {
        try
        {
            Outcome = await mediator.Send(command, ct);
            if (Outcome.Errors.Count > 0)
            {
                // For the page's title ("Error: …") and the summary: the rows' problems are listed below it.
                ModelState.AddModelError(FileField, ImportDisplay.ErrorCount(Outcome.Errors.Count));
            }
            else if (Outcome.Previous is { } previous && command.DryRun)
            {
                ModelState.AddModelError(FileField, ImportDisplay.AlreadyImported(previous));
            }
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (property, message) in ex.Errors)
            {
                ModelState.AddModelError(property == nameof(ImportPastData.Command.ProgrammeCode) ? nameof(Programme) : FileField, message);
            }
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(FileField, ex.Message);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Programmes = (await mediator.Send(new GetProgrammes.Query(), ct))
            .Select(p => new Choice(p.Code, $"{p.Name} ({p.Code})")).ToList();
        Batches = await mediator.Send(new GetImportBatches.Query(), ct);
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, ct);
        return memory.ToArray();
    }
}
