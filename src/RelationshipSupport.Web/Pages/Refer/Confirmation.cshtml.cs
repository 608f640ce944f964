using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Programmes;

namespace RelationshipSupport.Web.Pages.Refer;

/// <summary>
/// After a referral: the reference, what happens next, the hub's contact details and crisis contacts.
/// The details travel in (data-protected) TempData, never in the URL, and survive a refresh.
/// </summary>
public sealed class ConfirmationModel(ProgrammeDirectory directory) : PageModel
{
    public const string ReferenceKey = "referral.reference";
    public const string ProgrammeKey = "referral.programme";
    public const string HubKey = "referral.hub";
    public const string RiskKey = "referral.risk";
    public const string EmailedKey = "referral.emailed";
    public const string DomesticAbuseKey = "referral.risk.da";
    public const string MentalHealthKey = "referral.risk.mh";
    public const string SubstancesKey = "referral.risk.sub";

    public string Reference { get; private set; } = "";
    public ProgrammeInfo? Programme { get; private set; }
    public HubInfo? Hub { get; private set; }
    public bool RiskFlag { get; private set; }
    public bool Emailed { get; private set; }
    public bool DomesticAbuse { get; private set; }
    public bool MentalHealth { get; private set; }
    public bool Substances { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (TempData.Peek(ReferenceKey) is not string reference)
        {
            return RedirectToPage("/Index");
        }
        Reference = reference;
        var programmeCode = TempData.Peek(ProgrammeKey) as string;
        var hubCode = TempData.Peek(HubKey) as string;
        RiskFlag = TempData.Peek(RiskKey) is true;
        Emailed = TempData.Peek(EmailedKey) is true;
        DomesticAbuse = TempData.Peek(DomesticAbuseKey) is true;
        MentalHealth = TempData.Peek(MentalHealthKey) is true;
        Substances = TempData.Peek(SubstancesKey) is true;
        Programme = await directory.FindAsync(programmeCode, ct);
        Hub = Programme?.Hub(hubCode);
        return Page();
    }
}
