using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Core.Validation;
using Lakegate.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Steps.Validate;

/// <summary>
/// API Gateway's basic request validation for one route: required parameters first
/// (400 BAD_REQUEST_PARAMETERS), then the body against the model for its Content-Type
/// (400 BAD_REQUEST_BODY). The body is buffered to validate it and rewound, so the integration still
/// reads (and HTTP_PROXY still streams) the exact bytes the client sent.
/// </summary>
internal sealed class RequestValidationStep : IGatewayStep
{
    private const string InvalidBody = "Invalid request body";

    private readonly RequiredParameter[] _required;
    private readonly RequestBodyModels? _models;
    private readonly long _maxBodyBytes;

    public RequestValidationStep(RequiredParameter[] required, RequestBodyModels? models, long maxBodyBytes)
    {
        _required = required;
        _models = models;
        _maxBodyBytes = maxBodyBytes;
    }

    internal RequestBodyModels? BodyModels => _models;

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        if (_required.Length > 0 && MissingParameters(context) is { } missing)
        {
            // Text confirmed by AWS-recorded LocalStack snapshots: "Missing required request parameters: [a, b]".
            var message = "Missing required request parameters: [" + string.Join(", ", missing) + "]";
            context.Error = new GatewayError(GatewayResponseType.BadRequestParameters, message, ValidationErrorString: message);
            return ValueTask.CompletedTask;
        }

        var model = _models?.Select(context.Http.Request.ContentType);
        return model is null ? next(context) : ValidateBodyAsync(context, model, next);
    }

    private async ValueTask ValidateBodyAsync(GatewayContext context, ModelSchema model, GatewayStepDelegate next)
    {
        if (model.Errors.Count > 0)
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError,
                Detail: $"request model {model.Name} does not compile: {string.Join("; ", model.Errors)}");
            return;
        }

        var request = context.Http.Request;
        // One byte of headroom: ReadBodyAsync detects "over the limit" itself, the buffer never has to refuse.
        request.EnableBuffering(bufferLimit: _maxBodyBytes < long.MaxValue ? _maxBodyBytes + 1 : long.MaxValue);
        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await ReadBodyAsync(request.Body, request.ContentLength, _maxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel stops chunked bodies past MaxRequestBodySize (413), or bad framing / too slow a client.
            context.Error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new GatewayError(GatewayResponseType.RequestTooLarge)
                : new GatewayError(GatewayResponseType.Default4xx, StatusCode: ex.StatusCode, Detail: "request body could not be read: " + ex.Message);
            return;
        }
        catch (IOException ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Error = new GatewayError(GatewayResponseType.Default4xx, Detail: "request body could not be read: " + ex.GetType().Name);
            return;
        }

        if (length < 0)
        {
            context.Error = new GatewayError(GatewayResponseType.RequestTooLarge);
            return;
        }

        request.Body.Position = 0;
        var result = model.ValidateBody(buffer.AsMemory(0, length));
        if (!result.IsValid)
        {
            context.Error = new GatewayError(GatewayResponseType.BadRequestBody, InvalidBody, ValidationErrorString: result.ValidationErrorString);
            return;
        }

        await next(context);
    }

    /// <summary>Reads the whole body, or returns length -1 once it passes <paramref name="limit"/>.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, long? contentLength, long limit, CancellationToken cancellationToken)
    {
        limit = Math.Min(limit, Array.MaxLength);
        var buffer = new byte[Math.Min(contentLength ?? 16 * 1024, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    // One more byte tells "exactly at the limit" from "over it".
                    var probe = new byte[1];
                    return await body.ReadAsync(probe, cancellationToken) == 0 ? (buffer, length) : (buffer, -1);
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, 16 * 1024), limit));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    private List<string>? MissingParameters(GatewayContext context)
    {
        List<string>? missing = null;
        var request = context.Http.Request;
        foreach (var parameter in _required)
        {
            var present = parameter.Location switch
            {
                ParameterLocation.Path => !string.IsNullOrWhiteSpace(context.PathParameter(parameter.Name)),
                ParameterLocation.Header or ParameterLocation.MultiValueHeader => HasValue(request.Headers[parameter.Name]),
                _ => QueryHasValue(request.QueryString.Value, parameter.Name),
            };
            if (!present)
            {
                (missing ??= []).Add(parameter.Name);
            }
        }

        return missing;
    }

    private static bool HasValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Query keys are case-sensitive in API Gateway (known issue "header names and query parameters are
    /// processed in a case-sensitive way"), unlike ASP.NET Core's <c>Request.Query</c>: parse the raw string.
    /// </summary>
    internal static bool QueryHasValue(string? query, string name)
    {
        if (string.IsNullOrEmpty(query))
        {
            return false;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            if (key == name && equals >= 0 && !string.IsNullOrWhiteSpace(Decode(pair[(equals + 1)..])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Decode(string text)
    {
        var plus = text.Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(plus);
        }
        catch (UriFormatException)
        {
            return plus;
        }
    }
}
