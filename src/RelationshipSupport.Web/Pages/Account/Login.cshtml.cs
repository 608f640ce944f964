using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary><c>/account/login</c>: staff sign in with email and password; locked out after repeated failures.</summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, ILogger<LoginModel> logger) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Email)) ModelState.AddModelError("Input.Email", "Enter your email address");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "Enter your password");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is { IsActive: false })
        {
            ModelState.AddModelError("Input.Email", "This account has been deactivated. Ask an administrator if you need access.");
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            logger.LogInformation("Staff user {UserId} signed in", user!.Id);
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = SafeReturnUrl });
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff user {UserId} is locked out", user!.Id);
            ModelState.AddModelError("Input.Email", "This account is locked after too many failed attempts. Try again in 15 minutes.");
            return Page();
        }
        ModelState.AddModelError("Input.Email", "Enter a correct email address and password");
        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
