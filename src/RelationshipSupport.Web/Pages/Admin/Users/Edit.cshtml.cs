using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Users;

/// <summary>
/// <c>/admin/users/{id}</c>: one staff account: name, roles, therapist details (with their supervisor), coordinator assignments (one form,
/// with the account's concurrency stamp), and the account actions: send the invitation again, unlock, deactivate,
/// reactivate (a form each). Every change posts back here and redirects on success.
/// </summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty] public UpdateUser.Command Input { get; set; } = new();

    public GetUser.Details Staff { get; private set; } = default!;
    public string? Success { get; private set; }
    public bool Conflict { get; private set; }

    public bool ShowsTherapistFields => Input.Roles.Contains(Roles.Therapist);
    public bool ShowsAssignments => Input.Roles.Contains(Roles.Coordinator);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Success = TempData[UserDisplay.SuccessKey] as string;
        Input = new UpdateUser.Command { ConcurrencyStamp = Staff.ConcurrencyStamp, DisplayName = Staff.DisplayName, Roles = [.. Staff.Roles] };
        CopyTherapistFields();
        CopyAssignments();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.UserId = id;
        try
        {
            var result = await mediator.Send(Input, ct);
            TempData[UserDisplay.SuccessKey] = result.Changed ? "Changes saved" : "There were no changes to save";
            return RedirectToPage("/Admin/Users/Edit", new { id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
        }
        catch (ConcurrencyConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Conflict = true;
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        if (!await LoadAsync(id, ct)) return NotFound();
        if (Conflict)
        {
            // The page now shows the latest version; saving again is a deliberate choice made with it in view.
            Input.ConcurrencyStamp = Staff.ConcurrencyStamp;
        }
        // A section the form did not show (the role was ticked just now) starts from what is stored.
        if (!Input.TherapistFieldsIncluded) CopyTherapistFields();
        if (!Input.AssignmentsIncluded) CopyAssignments();
        return Page();
    }

    public Task<IActionResult> OnPostResendAsync(string id, CancellationToken ct) =>
        ActAsync(id, async () => (await mediator.Send(new ResendInvitation.Command(id), ct)).Sent
            ? "Invitation sent again"
            : "An invitation was sent in the last 2 minutes, so another was not sent", ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ActAsync(id, async () => (await mediator.Send(new UnlockUser.Command(id), ct)).Changed ? "Account unlocked" : "The account was not locked", ct);

    public Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) =>
        ActAsync(id, async () => (await mediator.Send(new DeactivateUser.Command(id), ct)).Changed
            ? "Account deactivated: they are signed out within a minute and cannot sign in"
            : "The account was already deactivated", ct);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken ct) =>
        ActAsync(id, async () => (await mediator.Send(new ReactivateUser.Command(id), ct)).Changed ? "Account reactivated" : "The account was already active", ct);

    private async Task<IActionResult> ActAsync(string id, Func<Task<string>> act, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            TempData[UserDisplay.SuccessKey] = await act();
            return RedirectToPage("/Admin/Users/Edit", new { id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        return await OnGetAsync(id, ct);
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        try
        {
            Staff = await mediator.Send(new GetUser.Query(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private void CopyTherapistFields()
    {
        Input.Organisation = Staff.Organisation;
        Input.CaseCapacity = Staff.CaseCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Availability = Enum.GetValues<Availability>().Where(a => a != Availability.None && Staff.Availability.HasFlag(a)).ToList();
        Input.SupervisorUserId = Staff.SupervisorUserId;
    }

    private void CopyAssignments()
    {
        Input.ProgrammeIds = [.. Staff.WholeProgrammeIds];
        Input.HubIds = [.. Staff.HubIds];
    }
}
