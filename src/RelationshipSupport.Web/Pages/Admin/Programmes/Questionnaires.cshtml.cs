using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary>
/// <c>/admin/programmes/{code}/questionnaires</c>: for each timepoint, which current questionnaires the programme
/// gives and in what order (a tick and an order number each). The form carries the programme's concurrency stamp:
/// a form older than the last change is refused, with the user's choices kept to check against the saved schedule.
/// </summary>
public sealed class QuestionnairesModel(IMediator mediator) : PageModel
{
    [BindProperty] public SaveProgrammeQuestionnaires.Command Input { get; set; } = new();

    public GetProgrammeQuestionnaires.Details Programme { get; private set; } = default!;
    public string? Success { get; private set; }
    public bool Conflict { get; private set; }

    /// <summary>A line of the form: one questionnaire at one timepoint, at its place in the list.</summary>
    public sealed record Row(int Index, Timepoint Timepoint, string Code, string Name, int Version, bool Given, string? Order)
    {
        public string Prefix => $"Input.Lines[{Index}]";
        public string GivenId => $"given-{Timepoint}-{Code}";
        /// <summary>The id the error summary links to for this line's order (from the validator's property).</summary>
        public string OrderId => TagHelpers.NhsFieldTagHelper.IdFor($"Input.{SaveProgrammeQuestionnaires.OrderProperty(Timepoint, Code)}");
        public string OrderKey => $"Input.{SaveProgrammeQuestionnaires.OrderProperty(Timepoint, Code)}";
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        Rows = BuildRows(Programme, posted: null);
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        ModelState.Clear();
        Input.ProgrammeCode = code;
        var (sent, result, conflict) = await ModelState.TrySendAsync(mediator, Input, nameof(Input), ct);
        if (sent)
        {
            TempData[AdminDisplay.SuccessKey] = result!.Changed ? "Questionnaires saved" : "No change: the programme already gives these questionnaires";
            return Redirect($"/admin/programmes/{code}/questionnaires");
        }
        if (!await LoadAsync(code, ct)) return NotFound();
        Conflict = conflict;
        if (conflict)
        {
            // Saving again is then a deliberate choice over the other change; the user's own choices are kept.
            Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        }
        Rows = BuildRows(Programme, Input.Lines);
        return Page();
    }

    public IEnumerable<Row> RowsAt(Timepoint timepoint) => Rows.Where(r => r.Timepoint == timepoint);

    /// <summary>
    /// The form's lines: at each timepoint the questionnaires given, in order, then the others by code. After a
    /// refused post, the lines keep the user's ticks, numbers and order.
    /// </summary>
    private static List<Row> BuildRows(GetProgrammeQuestionnaires.Details programme, List<SaveProgrammeQuestionnaires.Line>? posted)
    {
        var rows = new List<Row>();
        foreach (var timepoint in GetProgrammeQuestionnaires.Timepoints)
        {
            IEnumerable<(string Code, bool Given, string? Order)> lines;
            if (posted is not null)
            {
                var mine = posted.Where(l => l.Timepoint == timepoint && l.Code is not null).ToList();
                lines = mine.Select(l => (l.Code!, l.Given, l.Order))
                    .Concat(programme.Offered.Where(o => mine.All(l => l.Code != o.Code)).Select(o => (o.Code, false, (string?)null)));
            }
            else
            {
                var scheduled = programme.At(timepoint).Where(s => s.IsOffered).Select(s => s.Code).ToList();
                lines = scheduled.Select((c, i) => (c, true, (string?)(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Concat(programme.Offered.Where(o => !scheduled.Contains(o.Code)).Select(o => (o.Code, false, (string?)null)));
            }
            foreach (var (lineCode, given, order) in lines)
            {
                if (programme.Offered.SingleOrDefault(o => o.Code == lineCode) is not { } offer || rows.Any(r => r.Timepoint == timepoint && r.Code == lineCode))
                {
                    continue;
                }
                rows.Add(new Row(rows.Count, timepoint, offer.Code, offer.Name, offer.Version, given, order));
            }
        }
        return rows;
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        try
        {
            Programme = await mediator.Send(new GetProgrammeQuestionnaires.Query(code), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
