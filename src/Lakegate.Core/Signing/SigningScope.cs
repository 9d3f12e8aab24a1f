using System.Globalization;

namespace Lakegate.Core.Signing;

/// <summary>
/// The credential scope <c>{yyyyMMdd}/{region}/{service}/aws4_request</c>: what a signing key is derived for.
/// </summary>
public sealed record SigningScope(string Date, string Region, string Service)
{
    public const string Terminator = "aws4_request";

    /// <summary>The scope for a signing time (UTC date) in a region and service.</summary>
    public static SigningScope For(DateTimeOffset time, string region, string service) =>
        new(time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service);

    /// <summary>Parses <c>{date}/{region}/{service}/aws4_request</c> (the part of a Credential after the access key id).</summary>
    public static bool TryParse(string value, out SigningScope? scope)
    {
        scope = null;
        var parts = value.Split('/');
        if (parts.Length != 4 || parts[3] != Terminator || !IsDate(parts[0]) || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        scope = new SigningScope(parts[0], parts[1], parts[2]);
        return true;
    }

    public override string ToString() => $"{Date}/{Region}/{Service}/{Terminator}";

    private static bool IsDate(string value) =>
        value.Length == 8 && DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
