using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Dashboard;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Dashboard;

/// <summary><c>/dashboard</c>: the manager's operational figures for a programme (or all) and a period, with charts.</summary>
public sealed class IndexModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public GetDashboard.Result? Figures { get; private set; }
    public IReadOnlyList<Choice> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var period = DashboardFilter.Period(From, To, clock, ModelState);
        var programme = string.IsNullOrWhiteSpace(Programme) ? null : Programme.Trim();
        if (period is { } p)
        {
            From = DashboardFilter.Iso(p.From);
            To = DashboardFilter.Iso(p.To);
            try
            {
                Figures = await mediator.Send(new GetDashboard.Query(programme, p.From, p.To), ct);
            }
            catch (ValidationFailedException ex)
            {
                foreach (var (property, message) in ex.Errors)
                {
                    ModelState.AddModelError(property == nameof(GetDashboard.Query.ProgrammeCode) ? nameof(Programme) : property, message);
                }
            }
        }
        if (Figures is null)
        {
            // The filter with the user's values and its errors, and no figures.
            Programmes = (await mediator.Send(new GetDashboard.ProgrammesQuery(), ct)).Select(x => new Choice(x.Code, x.Name)).ToList();
            return;
        }
        Programmes = Figures.Programmes.Select(x => new Choice(x.Code, x.Name)).ToList();
    }

    public string ExportUrl => Figures is null ? "/dashboard/export" :
        "/dashboard/export" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["programme"] = Figures.Programme?.Code ?? "",
            ["from"] = DashboardFilter.Iso(Figures.From),
            ["to"] = DashboardFilter.Iso(Figures.To),
        });

    /// <summary>The chart data for wwwroot/js/dashboard.js (System.Text.Json escapes &lt; &gt; &amp;, so it is safe inside a script element).</summary>
    public string ChartJson()
    {
        var f = Figures!;
        return JsonSerializer.Serialize(new
        {
            months = f.Months.Select(m => m.Label),
            referrals = f.Referrals.Select(r => new { label = r.Label, counts = r.Counts }),
            sessions = new
            {
                attended = f.Sessions.Select(s => s.Attended),
                didNotAttend = f.Sessions.Select(s => s.DidNotAttend),
                cancelled = f.Sessions.Select(s => s.Cancelled),
                dnaRate = f.Sessions.Select(s => s.DidNotAttendRate is { } r ? Math.Round(r, 1) : (double?)null),
            },
            capacity = f.Capacity.Select(c => new { name = c.Name, open = c.OpenCases, capacity = c.Capacity }),
        });
    }
}
