using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/login-recovery</c>: the second step of signing in with one of the recovery codes shown when the
/// authenticator app was set up, for someone without their phone. Each code works once; wrong codes count
/// towards lockout.
/// </summary>
public sealed class LoginWithRecoveryCodeModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AppDbContext db,
    TimeProvider clock,
    ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    public const string MissingMessage = "Enter a recovery code";
    public const string WrongCodeMessage = "The recovery code is not correct or has already been used";

    public sealed class InputModel
    {
        public string? RecoveryCode { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return BackToLogin();

        // Codes are shown in capitals with a hyphen; people may type them in lower case or with spaces.
        var code = (Input.RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.RecoveryCode", MissingMessage);
            return Page();
        }
        if (!user.IsActive)
        {
            await signIn.SignOutAsync();
            logger.LogWarning("Sign-in refused for deactivated staff user {UserId}", user.Id);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, "deactivated account");
            return Refuse(LoginModel.DeactivatedMessage);
        }
        // SignInManager neither checks lockout before redeeming a recovery code nor counts a wrong one, so do both here.
        if (await users.IsLockedOutAsync(user)) return await LockedOutAsync(user);

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            logger.LogInformation("Staff user {UserId} signed in with a recovery code ({RecoveryCodesLeft} left)", user.Id, left);
            await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignedIn, user.Id, $"password and recovery code ({left} left)");
            return LocalRedirect(SafeReturnUrl);
        }
        if (!result.IsLockedOut)
        {
            await users.AccessFailedAsync(user);
        }
        if (result.IsLockedOut || await users.IsLockedOutAsync(user)) return await LockedOutAsync(user);

        logger.LogInformation("Sign-in refused for staff user {UserId}: wrong recovery code", user.Id);
        await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserSignInFailed, user.Id, "wrong recovery code");
        return Refuse(WrongCodeMessage);
    }

    private async Task<IActionResult> LockedOutAsync(StaffUser user)
    {
        logger.LogWarning("Staff user {UserId} is locked out", user.Id);
        await AccountAudit.RecordAsync(db, clock, HttpContext, AuditActions.UserLockedOut, user.Id, "recovery code");
        return Refuse(LoginModel.LockedOutMessage);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError("Input.RecoveryCode", message);
        Input.RecoveryCode = null;
        return Page();
    }

    private RedirectToPageResult BackToLogin() => RedirectToPage("/Account/Login", new { ReturnUrl = SafeReturnUrl });

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
