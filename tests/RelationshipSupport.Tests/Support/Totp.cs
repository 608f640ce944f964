using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RelationshipSupport.Tests.Support;

/// <summary>
/// What an authenticator app does (RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits), written from the RFC
/// so tests can set up and use two-factor sign-in through the real pages.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code for a key as shown to people (base32, any case, spaces allowed) at a moment.</summary>
    public static string Code(string base32Key, DateTimeOffset at) => Code(FromBase32(base32Key), at);

    public static string Code(byte[] key, DateTimeOffset at, int digits = 6)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238's default, and what authenticator apps and ASP.NET Core Identity use.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        // Dynamic truncation (RFC 4226 section 5.3).
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, ignoring spaces, padding and case.</summary>
    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=') continue;
            var value = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException($"'{c}' is not a base32 character");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
