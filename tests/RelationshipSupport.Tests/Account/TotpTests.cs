using System.Text;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

/// <summary>The test helper itself, against the published test values, so a failing sign-in test is not the helper's fault.</summary>
public sealed class TotpTests
{
    // RFC 6238 appendix B (SHA-1 rows), 8 digits.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Matches_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal(expected, Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));
        Assert.Equal(expected[2..], Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void Reads_base32_as_shown_to_people()
    {
        // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======".
        Assert.Equal("foobar"u8.ToArray(), Totp.FromBase32("mzxw 6ytb oi======"));
        Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), Totp.FromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }
}
