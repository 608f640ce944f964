namespace RelationshipSupport.Web.Pages.Account;

/// <summary>What people type from an authenticator app: 6 digits, often with a space or hyphen in the middle.</summary>
public static class AuthenticatorCode
{
    public const string MissingMessage = "Enter the 6-digit code from your authenticator app";
    public const string FormatMessage = "The code must be 6 digits";

    /// <summary>The 6 digits without spaces or hyphens, or the message to show when the input is not a code.</summary>
    public static (string? Code, string? Error) Parse(string? input)
    {
        var code = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0) return (null, MissingMessage);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return (null, FormatMessage);
        return (code, null);
    }
}
