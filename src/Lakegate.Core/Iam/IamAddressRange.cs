using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lakegate.Core.Iam;

/// <summary>An <c>aws:SourceIp</c> value: an IPv4 or IPv6 CIDR, or one address (= /32 or /128). Host bits are ignored, as IAM does.</summary>
public sealed class IamAddressRange
{
    private readonly byte[] _network;
    private readonly int _prefix;

    private IamAddressRange(byte[] network, int prefix)
    {
        _network = network;
        _prefix = prefix;
    }

    public static bool TryParse(string text, out IamAddressRange? range)
    {
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            return false;
        }

        var bytes = Normalize(address).GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
        {
            return false;
        }

        range = new IamAddressRange(bytes, prefix);
        return true;
    }

    public bool Contains(string address) => IPAddress.TryParse(address, out var parsed) && Contains(parsed);

    public bool Contains(IPAddress address)
    {
        var bytes = Normalize(address).GetAddressBytes();
        if (bytes.Length != _network.Length)
        {
            return false;
        }

        var full = _prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (bytes[i] != _network[i])
            {
                return false;
            }
        }

        var rest = _prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == (_network[full] & mask);
    }

    /// <summary>An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is matched as IPv4.</summary>
    private static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
