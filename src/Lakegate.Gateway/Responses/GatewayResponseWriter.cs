using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lakegate.Gateway.Responses;

/// <summary>
/// The one place Gateway Responses are written: status, <c>x-amzn-ErrorType</c>, request id,
/// customised headers and the body (<c>{"message":...}</c> by default). Nothing from an exception
/// or the log-only <see cref="GatewayError.Detail"/> ever reaches the client.
/// </summary>
public static class GatewayResponseWriter
{
    public static async ValueTask WriteAsync(GatewayContext context, GatewayError error)
    {
        var response = context.Http.Response;
        if (response.HasStarted)
        {
            // Too late for a clean error: the client must not take a truncated body for a whole one.
            context.Http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Http.Abort();
            return;
        }

        var defaults = GatewayResponseCatalog.Get(error.Type);
        var responses = context.Deployment?.GatewayResponses ?? GatewayResponseSet.Defaults;
        var effective = responses.Get(error.Type);
        var isHttpApi = context.ApiKind == ApiKind.Http;

        var status = effective.CustomStatusCode ?? error.StatusCode ?? DefaultStatus(defaults, isHttpApi);
        var message = error.Message ?? DefaultMessage(defaults, isHttpApi);

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (isHttpApi)
        {
            response.Headers["apigw-requestid"] = context.RequestId;
        }
        else
        {
            response.Headers["x-amzn-RequestId"] = context.RequestId;
            response.Headers["x-amzn-ErrorType"] = defaults.ErrorType;
        }

        if (context.IsCanaryRequest is { } canary)
        {
            response.Headers[ResponseHeaders.Canary] = canary ? "true" : "false";
        }

        foreach (var (header, source) in effective.HeaderSources)
        {
            var value = ResolveHeaderSource(context, source);
            if (value is not null)
            {
                response.Headers[header] = value;
            }
        }

        var body = effective.Template is { } template
            ? template.Render(name => Resolve(context, name, defaults, message, error))
            : "{\"" + (error.MessageProperty ?? "message") + "\":" + Quote(message) + "}";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.Http.RequestAborted);
    }

    /// <summary>HTTP APIs answer some failures with their own status and wording (reference §3.4).</summary>
    private static int DefaultStatus(GatewayResponseDefault defaults, bool isHttpApi) =>
        isHttpApi && defaults.Type is GatewayResponseType.MissingAuthenticationToken ? 404
        : isHttpApi && defaults.Type is GatewayResponseType.IntegrationTimeout ? 503
        : defaults.StatusCode;

    private static string? DefaultMessage(GatewayResponseDefault defaults, bool isHttpApi)
    {
        if (!isHttpApi)
        {
            return defaults.Message;
        }

        return defaults.Type switch
        {
            GatewayResponseType.MissingAuthenticationToken or GatewayResponseType.ResourceNotFound => "Not Found",
            GatewayResponseType.IntegrationTimeout => "Service Unavailable",
            _ when defaults.StatusCode >= 500 => "Internal Server Error",
            _ => defaults.Message,
        };
    }

    private static string? Resolve(GatewayContext context, string name, GatewayResponseDefault defaults, string? message, GatewayError error)
    {
        const string contextPrefix = "context.";
        const string stagePrefix = "stageVariables.";
        if (name.StartsWith(stagePrefix, StringComparison.Ordinal))
        {
            return context.StageVariables.GetValueOrDefault(name[stagePrefix.Length..]);
        }

        var variable = name[contextPrefix.Length..];
        return variable switch
        {
            "error.message" => message,
            "error.messageString" => Quote(message),
            "error.responseType" => defaults.Name,
            "error.validationErrorString" => error.ValidationErrorString,
            _ => context.GetContextVariable(variable),
        };
    }

    /// <summary>Sources a gateway response header may use: 'static', method.request.*, stageVariables.*, context.*.</summary>
    private static string? ResolveHeaderSource(GatewayContext context, string source)
    {
        if (source.Length >= 2 && source[0] == '\'' && source[^1] == '\'')
        {
            return source[1..^1];
        }

        var request = context.Http.Request;
        return source switch
        {
            _ when source.StartsWith("method.request.header.", StringComparison.Ordinal) =>
                request.Headers[source["method.request.header.".Length..]].LastOrDefault(),
            _ when source.StartsWith("method.request.querystring.", StringComparison.Ordinal) =>
                request.Query[source["method.request.querystring.".Length..]].LastOrDefault(),
            _ when source.StartsWith("method.request.path.", StringComparison.Ordinal) =>
                context.PathParameter(source["method.request.path.".Length..]),
            _ when source.StartsWith("stageVariables.", StringComparison.Ordinal) =>
                context.StageVariables.GetValueOrDefault(source["stageVariables.".Length..]),
            _ when source.StartsWith("context.", StringComparison.Ordinal) =>
                context.GetContextVariable(source["context.".Length..]),
            _ => null,
        };
    }

    private static string Quote(string? message) => message is null ? "null" : JsonSerializer.Serialize(message);
}
