using System.Collections.Frozen;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// A stage's method throttles (API Gateway's <c>methodSettings</c> throttling), compiled: the most
/// specific setting wins (<c>/path/METHOD</c>, then <c>/path/*</c>, then <c>*/*</c>), and every
/// method counts in its own bucket, so <c>*/*</c> limits each method, not the stage as a whole.
/// Bucket keys are built per snapshot, so requests allocate none.
/// </summary>
public sealed class StageThrottlesModel
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, MethodThrottleModel>> _byPath;
    private readonly ThrottleRecord? _default;
    private readonly string _prefix;

    private StageThrottlesModel(FrozenDictionary<string, FrozenDictionary<string, MethodThrottleModel>> byPath, ThrottleRecord? fallback, string prefix)
    {
        _byPath = byPath;
        _default = fallback;
        _prefix = prefix;
    }

    /// <summary>Null when the stage sets no method throttles.</summary>
    public static StageThrottlesModel? Compile(string apiId, string stage, IReadOnlyDictionary<string, ThrottleRecord> settings, IEnumerable<(string Path, string Method)> routes)
    {
        if (settings.Count == 0)
        {
            return null;
        }

        var prefix = "stage\n" + apiId + "\n" + stage + "\n";
        settings.TryGetValue(MethodThrottleKey.AllMethods, out var fallback);
        var byPath = new Dictionary<string, Dictionary<string, MethodThrottleModel>>(StringComparer.Ordinal);
        foreach (var (key, throttle) in settings)
        {
            if (key != MethodThrottleKey.AllMethods && MethodThrottleKey.TrySplit(key, out var path, out var method))
            {
                if (!byPath.TryGetValue(path, out var methods))
                {
                    byPath[path] = methods = new Dictionary<string, MethodThrottleModel>(StringComparer.Ordinal);
                }

                methods[method] = new MethodThrottleModel(throttle, prefix + key);
            }
        }

        // */* gives every route method its own bucket: one model per route, made now.
        if (fallback is not null)
        {
            foreach (var (path, method) in routes)
            {
                if (!byPath.TryGetValue(path, out var methods))
                {
                    byPath[path] = methods = new Dictionary<string, MethodThrottleModel>(StringComparer.Ordinal);
                }

                if (!methods.ContainsKey(method) && !methods.ContainsKey("*"))
                {
                    methods[method] = new MethodThrottleModel(fallback, prefix + "*/*\n" + path + "/" + method);
                }
            }
        }

        return new StageThrottlesModel(
            byPath.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            fallback,
            prefix);
    }

    /// <summary>The throttle for a route (path template) and request method; null when none applies.</summary>
    public MethodThrottleModel? For(string path, string method)
    {
        if (_byPath.TryGetValue(path, out var methods))
        {
            if (methods.TryGetValue(method, out var exact))
            {
                return exact;
            }

            if (methods.TryGetValue("*", out var any))
            {
                return any;
            }
        }

        // A method the compiled routes did not list (ANY routes serve every verb): its own bucket, keyed now.
        return _default is null ? null : new MethodThrottleModel(_default, _prefix + "*/*\n" + path + "/" + method);
    }
}
