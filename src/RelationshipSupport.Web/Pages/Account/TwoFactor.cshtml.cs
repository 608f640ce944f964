using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// <c>/account/two-factor</c>: a signed-in member of staff sets up an authenticator app (a key to type in,
/// then a code to prove it works), gets recovery codes once, and can replace either later.
/// The Account folder is open to anonymous visitors, so this page checks for a signed-in user itself.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AuditLog audit,
    AppDbContext db,
    SecurityOptions security,
    ILogger<TwoFactorModel> logger) : PageModel
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Relationship Support";
    public const string WrongCodeMessage = "The code is not correct. Check you added the key above, then enter the code your authenticator app shows now";

    public bool IsEnabled { get; private set; }
    public bool IsRequired => security.RequireTwoFactor;
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>The key in groups of 4, for typing into an authenticator app (only while setting up).</summary>
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    /// <summary>Shown once, in the response to the request that made them; never stored anywhere the browser keeps.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Checks a code from the app against the key and, if it matches, turns two-factor sign-in on.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();

        ModelState.Clear();
        var (code, error) = AuthenticatorCode.Parse(Code);
        if (error is null && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code!))
        {
            error = WrongCodeMessage;
            Code = null;
        }
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Code), error);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        audit.Record(AuditActions.TwoFactorEnabled, AccountAudit.EntityType, user.Id, "authenticator app");
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Staff user {UserId} turned on two-factor sign-in", user.Id);

        // A new cookie with the rs:2fa claim (and the new security stamp), so every page opens from now on.
        await signIn.RefreshSignInAsync(user);
        return ShowNewCodes(user, codes);
    }

    /// <summary>Replaces all recovery codes (for example when they are used up or may have been seen).</summary>
    public async Task<IActionResult> OnPostResetRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        audit.Record(AuditActions.RecoveryCodesReset, AccountAudit.EntityType, user.Id);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Staff user {UserId} replaced their recovery codes", user.Id);
        return ShowNewCodes(user, codes);
    }

    /// <summary>
    /// A new key (a new or lost phone): two-factor sign-in is off until a code from the new key is checked.
    /// This browser forgets it was remembered at once; other remembered devices when their cookie is next
    /// checked against the changed security stamp (Identity's validation interval, 30 minutes by default).
    /// </summary>
    public async Task<IActionResult> OnPostResetAuthenticatorAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        audit.Record(AuditActions.AuthenticatorReset, AccountAudit.EntityType, user.Id);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Staff user {UserId} reset their authenticator key", user.Id);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private PageResult ShowNewCodes(StaffUser user, IEnumerable<string>? codes)
    {
        NewRecoveryCodes = codes?.ToList() ?? [];
        IsEnabled = user.TwoFactorEnabled;
        // Codes must not linger in a cache or the browser's history.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task LoadAsync(StaffUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // The new key changed the security stamp: renew the cookie so it stays valid.
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = FormatKey(key!);
        AuthenticatorUri = BuildAuthenticatorUri(user.Email ?? user.UserName ?? user.Id, key!);
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>Lower case in groups of 4, which is easier to read and type; authenticator apps ignore both.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) result.Append(' ');
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The Key URI format understood by authenticator apps (otpauth://totp/Issuer:account?secret=…&amp;issuer=…).</summary>
    public static string BuildAuthenticatorUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
}
