using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/login</c>: staff sign in with email and password; locked out after repeated failures; asked for
/// an authenticator code next when they have set one up. Every outcome is audited by account id.
/// </summary>
public sealed class LoginModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AppDbContext db,
    TimeProvider clock,
    ILogger<LoginModel> logger) : PageModel
{
    public const string LockedOutMessage = "This account is locked after too many failed attempts. Try again in 15 minutes.";
    public const string DeactivatedMessage = "This account has been deactivated. Ask an administrator if you need access.";
    public const string WrongDetailsMessage = "Enter a correct email address and password";

    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>A message from the page that sent the user here (a password just set).</summary>
    public string? Success { get; private set; }

    public void OnGet() => Success = TempData[SetPasswordModel.SuccessKey] as string;

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Email)) ModelState.AddModelError("Input.Email", "Enter your email address");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "Enter your password");
        if (!ModelState.IsValid)
        {
            Input.Password = null; // never echoed back into the page
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is null)
        {
            logger.LogInformation("Sign-in refused: no staff account has that email address");
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, null, "unknown account");
            return Refuse(WrongDetailsMessage);
        }

        // A deactivated account is refused even with the right password. The password is still checked first
        // (counting towards lockout), so the message does not tell a stranger which addresses have accounts.
        var result = user.IsActive
            ? await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true)
            : await signIn.CheckPasswordSignInAsync(user, Input.Password!, lockoutOnFailure: true);

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff user {UserId} is locked out", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserLockedOut, user.Id, "password");
            return Refuse(LockedOutMessage);
        }
        if (!user.IsActive)
        {
            logger.LogWarning("Sign-in refused for deactivated staff user {UserId}", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, result.Succeeded ? "deactivated account" : "wrong password");
            return Refuse(result.Succeeded ? DeactivatedMessage : WrongDetailsMessage);
        }
        if (result.Succeeded)
        {
            logger.LogInformation("Staff user {UserId} signed in", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignedIn, user.Id, "password");
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            // Not signed in yet: the next page asks for the authenticator code, and audits the outcome.
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = SafeReturnUrl });
        }
        logger.LogInformation("Sign-in refused for staff user {UserId}: wrong password", user.Id);
        await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, "wrong password");
        return Refuse(WrongDetailsMessage);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError("Input.Email", message);
        Input.Password = null;
        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
