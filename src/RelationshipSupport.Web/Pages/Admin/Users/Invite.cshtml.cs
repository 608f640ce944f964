using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Users;

/// <summary><c>/admin/users/invite</c>: creates an account without a password and emails a link to set one.</summary>
public sealed class InviteModel(IMediator mediator) : PageModel
{
    [BindProperty] public InviteUser.Command Input { get; set; } = new();

    /// <summary>Set when the address already has an account: the page links to it.</summary>
    public string? ExistingUserId { get; private set; }

    public void OnGet() => Input.SubmissionId = Guid.NewGuid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var result = await mediator.Send(Input, ct);
            if (!result.AlreadyHadAccount)
            {
                TempData[UserDisplay.SuccessKey] = $"Invitation sent to {Input.Email!.Trim()}";
                return RedirectToPage("/Admin/Users/Edit", new { id = result.UserId });
            }
            ExistingUserId = result.UserId;
            ModelState.AddModelError("Input.Email", "This email address already has an account");
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        return Page();
    }
}
