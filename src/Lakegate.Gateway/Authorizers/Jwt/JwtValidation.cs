using System.Text.Json;

namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>The outcome of checking one token: its verified payload, or why it was refused.</summary>
public sealed record JwtValidation(JsonElement? Payload, string? Problem, bool KeysUnavailable)
{
    public bool IsValid => Payload is not null;

    public static JwtValidation Valid(JsonElement payload) => new(payload, null, false);

    public static JwtValidation Refused(string problem) => new(null, problem, false);

    public static JwtValidation Unavailable(string problem) => new(null, problem, true);
}
