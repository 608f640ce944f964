using System.Globalization;
using System.Text;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>
/// Normal forms of names, emails and phone numbers, stored beside the originals so searches and duplicate checks
/// are exact index look-ups on every database ("O'Brien", "o brien" and "Ó Briain" compare sensibly).
/// </summary>
public static class SearchKeys
{
    /// <summary>Lower case, accents removed, anything but letters and digits dropped: "O'Brien-Smith" → "obriensmith".</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Digits only, with +44 / 0044 turned into a leading 0; null when fewer than 7 digits.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0044", StringComparison.Ordinal)) digits = "0" + digits[4..];
        else if (digits.StartsWith("44", StringComparison.Ordinal) && phone.TrimStart().StartsWith('+')) digits = "0" + digits[2..];
        return digits.Length < 7 ? null : digits;
    }

    /// <summary>The exclusive upper bound of a prefix range: values starting with <paramref name="prefix"/> are ≥ prefix and &lt; this.</summary>
    public static string PrefixUpperBound(string prefix) => prefix + '\uffff';
}
