using System.Security.Cryptography;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>
/// Makes references like <c>RS-7KQ4-2M9P</c>: 8 characters from a 30-letter alphabet without
/// look-alikes (0/O, 1/I/L, U), drawn from a cryptographic random source: 30^8, about 2^39.3 values,
/// so a reference cannot be guessed from another one.
/// </summary>
public static class ReferenceGenerator
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const string Prefix = "RS-";

    public static string New()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"{Prefix}{chars[..4]}-{chars[4..]}";
    }

    /// <summary>Normalises what a person typed (lower case, spaces, missing dashes) to the stored form, or null.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var letters = new string(input.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
        if (letters.StartsWith("RS", StringComparison.Ordinal)) letters = letters[2..];
        if (letters.Length != 8 || letters.Any(c => !Alphabet.Contains(c))) return null;
        return $"{Prefix}{letters[..4]}-{letters[4..]}";
    }
}
