using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;

namespace Lakegate.Gateway.Routing;

/// <summary>
/// Maps an invoke URL to an API stage (DESIGN.md §6), in this order:
/// <list type="number">
/// <item>host style: <c>{apiId}.execute-api.{anything}/{stage}/{path}</c>;</item>
/// <item>custom domain: the Host is a declared domain; the longest matching base path picks the API stage;</item>
/// <item>path style on any other host: <c>/{apiId}/{stage}/{path}</c>.</item>
/// </list>
/// HTTP APIs with a <c>$default</c> stage serve it at the root: when the segment after the API is not
/// one of its stages, it belongs to the path.
/// </summary>
public static class InvokeUrlResolver
{
    private const string ExecuteApiLabel = ".execute-api.";

    public static InvokeTarget Resolve(ServingSnapshot snapshot, string host, string[] segments)
    {
        var executeApi = host.IndexOf(ExecuteApiLabel, StringComparison.OrdinalIgnoreCase);
        if (executeApi > 0)
        {
            var apiId = host[..executeApi];
            return snapshot.Apis.TryGetValue(apiId, out var hostApi)
                ? ResolveStage(hostApi, segments, 0)
                : default;
        }

        if (snapshot.Domains.Count > 0 && snapshot.Domains.TryGetValue(host, out var domain))
        {
            return ResolveDomain(snapshot, domain, segments);
        }

        if (segments.Length == 0 || !snapshot.Apis.TryGetValue(segments[0], out var api))
        {
            return default;
        }

        return ResolveStage(api, segments, 1);
    }

    private static InvokeTarget ResolveStage(ApiStagesModel api, string[] segments, int stageIndex)
    {
        if (stageIndex < segments.Length && api.Stages.TryGetValue(segments[stageIndex], out var stage))
        {
            return new InvokeTarget(api, stage, stageIndex + 1, null);
        }

        if (api.Kind == ApiKind.Http && api.Stages.TryGetValue(StageDefinition.DefaultStageName, out var defaultStage))
        {
            return new InvokeTarget(api, defaultStage, stageIndex, null);
        }

        return new InvokeTarget(api, null, stageIndex, null);
    }

    private static InvokeTarget ResolveDomain(ServingSnapshot snapshot, DomainModel domain, string[] segments)
    {
        foreach (var mapping in domain.Mappings)
        {
            if (!StartsWith(segments, mapping.BasePathSegments))
            {
                continue;
            }

            if (!snapshot.Apis.TryGetValue(mapping.ApiId, out var api))
            {
                return default;
            }

            api.Stages.TryGetValue(mapping.Stage, out var stage);
            return new InvokeTarget(api, stage, mapping.BasePathSegments.Length, mapping.BasePath);
        }

        return default;
    }

    private static bool StartsWith(string[] segments, string[] prefix)
    {
        if (prefix.Length > segments.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(segments[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
