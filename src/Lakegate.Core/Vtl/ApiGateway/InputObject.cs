using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>
/// <c>$input</c>: the method request's body and parameters. One instance serves one request: the
/// body is parsed as JSON at most once, on first use.
/// <list type="bullet">
/// <item><c>$input.body</c>: the raw body; an absent or empty body reads as <c>{}</c> (LocalStack's AWS-validated behaviour).</item>
/// <item><c>$input.json(p)</c>: JSON text of the JSONPath result, strings quoted; a path that matches nothing gives <c>null</c>.</item>
/// <item><c>$input.path(p)</c>: the result as a template value (map, list, string, number, boolean), or null.</item>
/// <item>A body that is not JSON behaves as json-smart's permissive parse (which AWS uses): <c>$</c> is the body text, any other path matches nothing.</item>
/// <item><c>$input.params()</c>: <c>{path, querystring, header}</c> maps; <c>$input.params(x)</c> searches path, query string, then header, and gives "" when absent.</item>
/// </list>
/// Header names: <c>params(x)</c> uses the comparer of <see cref="ApiGatewayRequest.Header"/>
/// (the gateway passes a case-insensitive one); the <c>header</c> map of <c>params()</c> is a
/// Java map and looks names up exactly as the client sent them, as on AWS.
/// </summary>
public sealed class InputObject : IVtlObject, IVtlTextMethods
{
    private const int MaxCachedPaths = 256;
    private static readonly ConcurrentDictionary<string, JsonPath?> PathCache = new(StringComparer.Ordinal);

    private bool _parsed;
    private JsonElement? _json;
    private VtlMap? _params;

    public InputObject(ApiGatewayRequest request) => Request = request;

    public ApiGatewayRequest Request { get; }

    public bool TryGetProperty(string name, out object? value)
    {
        value = name == "body" ? Body : null;
        return name == "body";
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        switch (method, arguments.Count)
        {
            case ("json", 1) when arguments[0] is string path:
                result = VtlJson.ToJson(Select(path));
                return true;
            case ("path", 1) when arguments[0] is string path:
                result = Select(path);
                return true;
            case ("params", 0):
                result = Params();
                return true;
            case ("params", 1) when arguments[0] is string name:
                result = Request.Path.TryGetValue(name, out var v) ? v
                    : Request.QueryString.TryGetValue(name, out v) ? v
                    : Request.Header.TryGetValue(name, out v) ? v
                    : string.Empty;
                return true;
            case ("getBody", 0):
                result = Body;
                return true;
            default:
                return false;
        }
    }

    public bool TrySetProperty(string name, object? value) => false;

    /// <summary>
    /// <c>$input.json('$')</c> rendered as text (the whole body, as in every passthrough template):
    /// the body is re-serialised compactly straight into the output, token by token, without
    /// building template values or strings. Bodies it cannot take that way (not JSON, duplicate
    /// keys, very wide objects) go the ordinary way, which gives the same text.
    /// </summary>
    bool IVtlTextMethods.TryInvokeInto(string method, IReadOnlyList<object?> arguments, StringBuilder output)
    {
        if (method != "json" || arguments.Count != 1 || arguments[0] is not "$")
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(Request.Body))
        {
            output.Append("{}");
            return true;
        }

        if (!_parsed || _json is not null)
        {
            var start = output.Length;
            if (VtlJson.TryAppendCompact(Request.Body, output))
            {
                return true;
            }

            output.Length = start;
        }

        return false;
    }

    private string Body => string.IsNullOrEmpty(Request.Body) ? "{}" : Request.Body;

    private VtlMap Params()
    {
        if (_params is null)
        {
            _params = new VtlMap(3)
            {
                ["path"] = ToMap(Request.Path),
                ["querystring"] = ToMap(Request.QueryString),
                ["header"] = ToMap(Request.Header),
            };
        }

        return _params;
    }

    private static VtlMap ToMap(IReadOnlyDictionary<string, string> values)
    {
        var map = new VtlMap(values.Count);
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary>The value the path selects (a JSON-style list for indefinite paths), or null; the body text for <c>$</c> when the body is not JSON.</summary>
    private object? Select(string path)
    {
        var compiled = Compile(path);
        if (!_parsed)
        {
            _parsed = true;
            _json = ParseBody();
        }

        if (_json is not { } root)
        {
            return path.Trim() == "$" ? Request.Body : null;
        }

        var matches = compiled.Evaluate(root);
        if (compiled.IsDefinite)
        {
            return matches.Count > 0 ? VtlJson.FromJson(matches[0]) : null;
        }

        var list = new VtlList(matches.Count) { Style = VtlRenderStyle.Json };
        foreach (var match in matches)
        {
            list.Add(VtlJson.FromJson(match));
        }

        return list;
    }

    private static JsonPath Compile(string path)
    {
        if (PathCache.TryGetValue(path, out var cached) && cached is not null)
        {
            return cached;
        }

        if (!JsonPath.TryParse(path, out var compiled, out var error))
        {
            throw new VtlRenderException(error!);
        }

        if (PathCache.Count < MaxCachedPaths)
        {
            PathCache.TryAdd(path, compiled);
        }

        return compiled!;
    }

    private JsonElement? ParseBody()
    {
        if (string.IsNullOrWhiteSpace(Request.Body))
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }

        try
        {
            using var document = JsonDocument.Parse(Request.Body, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
