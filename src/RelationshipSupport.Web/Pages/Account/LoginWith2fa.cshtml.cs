using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/login-2fa</c>: the second step of signing in, after a correct password, for staff with an
/// authenticator app. Wrong codes count towards lockout like wrong passwords.
/// </summary>
public sealed class LoginWith2faModel(
    SignInManager<StaffUser> signIn,
    AppDbContext db,
    TimeProvider clock,
    ILogger<LoginWith2faModel> logger) : PageModel
{
    public const string WrongCodeMessage = "The code is not correct or has expired. Enter the code your authenticator app shows now";

    public sealed class InputModel
    {
        public string? Code { get; set; }
        public bool RememberMachine { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only reachable between a correct password and the code (the password step leaves a short-lived cookie).
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return BackToLogin();

        var (code, error) = AuthenticatorCode.Parse(Input.Code);
        if (error is not null)
        {
            ModelState.AddModelError("Input.Code", error);
            return Page();
        }
        if (!user.IsActive)
        {
            // Deactivated between the password and the code.
            await signIn.SignOutAsync();
            logger.LogWarning("Sign-in refused for deactivated staff user {UserId}", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, "deactivated account");
            return Refuse(LoginModel.DeactivatedMessage);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code!, isPersistent: false, rememberClient: Input.RememberMachine);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff user {UserId} signed in with an authenticator code", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignedIn, user.Id, "password and authenticator code");
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff user {UserId} is locked out", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserLockedOut, user.Id, "authenticator code");
            return Refuse(LoginModel.LockedOutMessage);
        }
        logger.LogInformation("Sign-in refused for staff user {UserId}: wrong authenticator code", user.Id);
        await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, "wrong authenticator code");
        return Refuse(WrongCodeMessage);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError("Input.Code", message);
        Input.Code = null; // a stale code is no use; the next one will be different
        return Page();
    }

    private RedirectToPageResult BackToLogin() => RedirectToPage("/Account/Login", new { ReturnUrl = SafeReturnUrl });

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
