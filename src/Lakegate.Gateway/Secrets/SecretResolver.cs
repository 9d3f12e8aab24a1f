using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Core.Secrets;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// The one resolution point for <c>{{secret:NAME[:KEY[:AWSPREVIOUS|VERSION]]}}</c> references.
/// Deployments are resolved whole (<see cref="ResolveJson"/>, every string of the stored definition)
/// when they are compiled, and recompiled when <see cref="Revision"/> moves, so a rotation reaches
/// them without a redeploy. Node-level config that is not part of a deployment (function
/// environments, integration credentials read at start-up) calls <see cref="Resolve"/> on each
/// value and re-reads it when <see cref="Revision"/> changes. Errors name references, never values.
/// </summary>
public sealed class SecretResolver(SecretsState state)
{
    /// <summary>The secret store revision the current values come from (-1 before the first load).</summary>
    public long Revision => state.Current.Revision;

    /// <summary>Substitutes references in one config string; unresolvable ones add an error and become empty.</summary>
    public string Resolve(string text, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (!SecretReferences.Contains(text))
        {
            return text;
        }

        if (!state.HasMasterKey)
        {
            errors.Add("secret references cannot be resolved: " + MasterKey.Missing);
            return text;
        }

        var snapshot = state.Current;
        return SecretReferences.Substitute(text, snapshot.Lookup, errors);
    }

    /// <summary>Substitutes references in every string value (not property names) of a JSON document.</summary>
    public string ResolveJson(string json, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains(SecretReferences.Marker, StringComparison.Ordinal))
        {
            return json;
        }

        var root = JsonNode.Parse(json);
        if (root is null)
        {
            return json;
        }

        Walk(root, errors);
        return root.ToJsonString();
    }

    /// <summary>Replaces string leaves in place; containers are walked, never re-parented.</summary>
    private void Walk(JsonNode node, ICollection<string> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (Replacement(child, errors) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                    else if (child is not null)
                    {
                        Walk(child, errors);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Replacement(array[i], errors) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                    else if (array[i] is { } item)
                    {
                        Walk(item, errors);
                    }
                }

                break;
        }
    }

    private JsonValue? Replacement(JsonNode? node, ICollection<string> errors) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text && SecretReferences.Contains(text)
            ? JsonValue.Create(Resolve(text, errors))
            : null;
}
