using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lakegate.Core.Datasets;

/// <summary>
/// Opaque keyset cursors: <c>base64url(payload).base64url(HMAC-SHA256(payload))</c>, the payload
/// <c>{"v":1,"ds":dataset,"qh":query hash,"k":[last row's sort key as canonical text],"exp":unix seconds}</c>.
/// A cursor is accepted only unaltered, unexpired, for the dataset and query (select, filters, order) it came from.
/// </summary>
public sealed class DatasetCursorCodec
{
    private readonly byte[] _key;

    public DatasetCursorCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("a cursor key needs at least 16 bytes", nameof(key));
        }

        _key = key;
    }

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string Encode(string dataset, string fingerprint, IReadOnlyList<object?> values, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("ds", dataset);
            json.WriteString("qh", QueryHash(fingerprint));
            json.WriteStartArray("k");
            foreach (var value in values)
            {
                if (value is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(DatasetValues.Format(value));
                }
            }

            json.WriteEndArray();
            json.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var payload = buffer.ToArray();
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>Verifies and decodes <paramref name="token"/> into typed values for <paramref name="order"/>; null with <paramref name="error"/> when refused.</summary>
    public IReadOnlyList<object?>? Decode(string token, string dataset, string fingerprint, IReadOnlyList<OrderTerm> order, DateTimeOffset now, out QueryError? error)
    {
        error = null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        byte[] payload;
        byte[] signature;
        try
        {
            if (dot <= 0 || token.Length > 8192)
            {
                return Invalid("the cursor is malformed", out error);
            }

            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return Invalid("the cursor is malformed", out error);
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return Invalid("the cursor's signature does not match", out error);
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != 1 || root.GetProperty("ds").GetString() != dataset)
            {
                return Invalid("the cursor belongs to another dataset", out error);
            }

            if (root.GetProperty("qh").GetString() != QueryHash(fingerprint))
            {
                return Invalid("the cursor belongs to another query", out error, "keep select, filters and order as they were on the first page");
            }

            if (root.GetProperty("exp").GetInt64() < now.ToUnixTimeSeconds())
            {
                return Invalid("the cursor has expired", out error, "start again from the first page");
            }

            var keys = root.GetProperty("k");
            if (keys.GetArrayLength() != order.Count)
            {
                return Invalid("the cursor does not fit this query's order", out error);
            }

            var values = new object?[order.Count];
            var i = 0;
            foreach (var element in keys.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Null)
                {
                    values[i] = DatasetValues.Parse(element.GetString() ?? string.Empty, order[i].Column.Type)
                        ?? throw new FormatException("cursor value does not parse");
                }

                i++;
            }

            return values;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Invalid("the cursor is malformed", out error);
        }
    }

    private static IReadOnlyList<object?>? Invalid(string message, out QueryError error, string? hint = null)
    {
        error = new QueryError(400, QueryErrorCodes.InvalidCursor, message, Hint: hint);
        return null;
    }

    private static string QueryHash(string fingerprint) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)).AsSpan(0, 16));
}
