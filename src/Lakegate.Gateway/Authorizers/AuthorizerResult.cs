using System.Globalization;
using System.Text.Json;
using Lakegate.Core.Authorizers;

namespace Lakegate.Gateway.Authorizers;

/// <summary>
/// What an authorizer established about the caller, read by everything downstream:
/// <c>$context.authorizer.*</c> (templates, access log), <c>requestContext.authorizer</c> (Lambda
/// events), and <c>usageIdentifierKey</c> (API keys with <c>apiKeySource: AUTHORIZER</c>).
/// </summary>
public sealed class AuthorizerResult
{
    private static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    public required AuthorizerKind Kind { get; init; }

    public string? PrincipalId { get; init; }

    /// <summary>Lambda authorizers: the <c>context</c> map as returned (REST: strings, numbers, booleans only).</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init; } = None;

    /// <summary>JWT and Cognito: the token's claims.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>JWT: the token's scopes (<c>scope</c> or <c>scp</c>), null when it has none.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    public string? UsageIdentifierKey { get; init; }

    /// <summary>Milliseconds the authorizer call took (0 on a cache hit), <c>$context.authorizer.integrationLatency</c>.</summary>
    public double LatencyMs { get; init; }

    /// <summary><c>$context.authorizer.NAME</c>: principalId, claims.X, or a context value as text.</summary>
    public string? Get(string name)
    {
        if (name == "principalId")
        {
            return PrincipalId;
        }

        if (name == "integrationLatency")
        {
            return LatencyMs.ToString("0", CultureInfo.InvariantCulture);
        }

        const string claimsPrefix = "claims.";
        if (Claims is not null && name.StartsWith(claimsPrefix, StringComparison.Ordinal))
        {
            return Claims.TryGetValue(name[claimsPrefix.Length..], out var claim) ? Text(claim) : null;
        }

        if (Kind is AuthorizerKind.Jwt && name == "scopes")
        {
            return Scopes is null ? null : string.Join(' ', Scopes);
        }

        return Context.TryGetValue(name, out var value) ? Text(value) : null;
    }

    /// <summary>A JSON value as API Gateway passes it on: strings as they are, other scalars as their JSON text, lists as <c>[a b]</c>.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(Text)) + "]",
        _ => value.GetRawText(),
    };

    /// <summary>
    /// <c>requestContext.authorizer</c> of a proxy event. Payload 2.0: <c>{"lambda": context}</c> or
    /// <c>{"jwt": {"claims", "scopes"}}</c>. Payload 1.0: the context flattened to strings with
    /// <c>principalId</c> and <c>integrationLatency</c>, or <c>{"claims": ...}</c> for Cognito/JWT.
    /// </summary>
    public JsonElement ToEventJson(bool payload20)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (Claims is not null)
            {
                if (payload20)
                {
                    json.WritePropertyName("jwt");
                    json.WriteStartObject();
                }

                json.WritePropertyName("claims");
                json.WriteStartObject();
                foreach (var (key, value) in Claims)
                {
                    json.WriteString(key, Text(value));
                }

                json.WriteEndObject();
                json.WritePropertyName("scopes");
                if (Scopes is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStartArray();
                    foreach (var scope in Scopes)
                    {
                        json.WriteStringValue(scope);
                    }

                    json.WriteEndArray();
                }

                if (payload20)
                {
                    json.WriteEndObject();
                }
            }
            else if (payload20)
            {
                json.WritePropertyName("lambda");
                json.WriteStartObject();
                foreach (var (key, value) in Context)
                {
                    json.WritePropertyName(key);
                    value.WriteTo(json);
                }

                json.WriteEndObject();
            }
            else
            {
                foreach (var (key, value) in Context)
                {
                    if (key is not ("principalId" or "integrationLatency"))
                    {
                        json.WriteString(key, Text(value));
                    }
                }

                json.WriteString("principalId", PrincipalId);
                json.WriteNumber("integrationLatency", Math.Round(LatencyMs));
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

}
