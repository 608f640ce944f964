using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/set-password?user=..&amp;token=..</c>: the link in an invitation. An invited member of staff chooses
/// their password, then signs in. A link that is unknown, expired or used says so and shows no form.
/// </summary>
public sealed class SetPasswordModel(IMediator mediator) : PageModel
{
    public const string SuccessKey = "account.success";

    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "token")] public string? Token { get; set; }

    public sealed class InputModel
    {
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public bool LinkIsValid { get; private set; } = true;

    public async Task OnGetAsync(CancellationToken ct) =>
        LinkIsValid = await mediator.Send(new SetPassword.Query(UserId, Token), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await mediator.Send(new SetPassword.Command { UserId = UserId, Token = Token, Password = Input.Password, ConfirmPassword = Input.ConfirmPassword }, ct);
            TempData[SuccessKey] = "Your password has been set. Sign in with your email address and new password.";
            return RedirectToPage("/Account/Login");
        }
        catch (SetPassword.InvalidLinkException)
        {
            LinkIsValid = false;
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or DomainException)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        // Passwords are never echoed back into the page.
        Input = new InputModel();
        return Page();
    }
}
