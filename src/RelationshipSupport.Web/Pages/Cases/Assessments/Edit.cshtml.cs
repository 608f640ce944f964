using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Assessments;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Assessments;

/// <summary>
/// <c>/cases/{reference}/assessments/{id}</c>: the author writes a draft (or returned) assessment, saves it and submits
/// it for sign-off; anyone else with clinical access reads it. 404 (audited) without clinical access.
/// </summary>
public sealed class EditModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public static readonly IReadOnlyList<Choice> Modes =
        [new(nameof(SessionMode.InPerson), "In person"), new(nameof(SessionMode.Video), "Video"), new(nameof(SessionMode.Phone), "Phone")];

    public static readonly IReadOnlyList<Choice> Levels =
        [new(nameof(RiskLevel.None), "None identified"), new(nameof(RiskLevel.Low), "Low"), new(nameof(RiskLevel.Medium), "Medium"), new(nameof(RiskLevel.High), "High")];

    public static readonly IReadOnlyList<Choice> Recommendations =
        [new(nameof(AssessmentRecommendation.OfferTherapy), "Offer therapy"), new(nameof(AssessmentRecommendation.ReferElsewhere), "Refer elsewhere")];

    public override string Tab => "overview";

    [BindProperty] public SaveAssessment.Command Input { get; set; } = new();

    public GetAssessment.View View { get; private set; } = default!;

    public static readonly IReadOnlyList<Choice> MaritalStatuses =
        Enum.GetValues<MaritalStatus>().Select(m => new Choice(m.ToString(), DemographicLabels.Of(m))).ToList();
    public static readonly IReadOnlyList<Choice> Qualifications =
        Enum.GetValues<Qualification>().Select(q => new Choice(q.ToString(), DemographicLabels.Of(q))).ToList();
    public static readonly IReadOnlyList<Choice> Employments =
        Enum.GetValues<Employment>().Select(e => new Choice(e.ToString(), DemographicLabels.Of(e))).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        Fill(View.Assessment, View.Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int id, string? action, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        Input.AssessmentId = id;
        Input.Submit = action == "submit";
        Input.Risks = Enum.GetValues<RiskArea>()
            .Select(area => Input.Risks.FirstOrDefault(r => r.Area == area) ?? new SaveAssessment.RiskInput { Area = area })
            .ToList();
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                var alerted = result!.AlertsRaised > 0 ? " High risk was recorded: your supervisor has been alerted." : "";
                return result.Submitted
                    ? RedirectWithSuccess($"/cases/{result.Reference}", (result.Changed ? "Assessment submitted for sign-off." : "This assessment has already been submitted.") + alerted)
                    : RedirectWithSuccess($"/cases/{result.Reference}/assessments/{result.AssessmentId}", "Draft saved." + alerted);
            }
            if (!await LoadAsync(reference, id, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict) Input.ConcurrencyStamp = View.Assessment.ConcurrencyStamp;
        return Page();
    }

    private void Fill(Assessment a, ReferralPerson? person)
    {
        Input.MaritalStatus = person?.MaritalStatus;
        Input.RelationshipLengthYears = person?.RelationshipLengthYears?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.HighestQualification = person?.HighestQualification;
        Input.Employment = person?.Employment;
        Input.ConcurrencyStamp = a.ConcurrencyStamp;
        Input.HeldOn = DateInput.From(a.HeldOn);
        Input.Mode = a.Mode;
        Input.PresentingIssue = a.PresentingIssue;
        Input.RelationshipHistory = a.RelationshipHistory;
        Input.Children = a.Children;
        Input.ExpectationsAgreed = a.ExpectationsAgreed;
        Input.Goals = a.Goals;
        Input.Recommendation = a.Recommendation;
        Input.RecommendationNote = a.RecommendationNote;
        Input.Risks = Enum.GetValues<RiskArea>().Select(area =>
        {
            var risk = a.Risks.FirstOrDefault(r => r.Area == area);
            return new SaveAssessment.RiskInput { Area = area, Level = risk?.Level, Notes = risk?.Notes };
        }).ToList();
    }

    private async Task<bool> LoadAsync(string reference, int id, CancellationToken ct)
    {
        try
        {
            View = await Mediator.Send(new GetAssessment.Query(reference, id, "edit"), ct);
            Case = View.Header;
            Success = TempData[SuccessKey] as string;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
