using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Authorizers;

/// <summary>
/// Turns an api's verbatim authorizer declarations into <see cref="AuthorizerDefinition"/>s with
/// the loader's own rules (<see cref="AuthorizerReader"/>), for the gateway's deploy-time compile
/// and for validators that have only the stored JSON.
/// </summary>
public static class AuthorizerParser
{
    public static IReadOnlyDictionary<string, AuthorizerDefinition> ParseAll(ApiDefinition api, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(api);
        var result = new Dictionary<string, AuthorizerDefinition>(StringComparer.Ordinal);
        foreach (var (name, element) in api.Authorizers)
        {
            var local = new List<Diagnostic>();
            var root = JsonSourceReader.Read(element.GetRawText(), $"api {api.Id} authorizer {name}", local);
            var reader = new NodeReader(local);
            var definition = root is null ? null : AuthorizerReader.Read(reader, name, root, $"authorizers.{name}", api.Kind);
            foreach (var diagnostic in local)
            {
                // Stored JSON has no useful position: the message names the authorizer instead.
                diagnostics.Add(diagnostic with { Position = api.Position, Message = $"api {api.Id}: {diagnostic.Message}" });
            }

            if (definition is not null && !local.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                result[name] = definition;
            }
        }

        return result;
    }
}
