using System.Globalization;
using System.Security.Cryptography;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Iam;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Steps.ResourcePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lakegate.Gateway.Steps.Authenticate;

/// <summary>
/// <c>AWS_IAM</c> routes: verifies a SigV4 signature for service <c>execute-api</c> (Authorization
/// header or presigned query), then decides with the caller's identity policies and the API's resource
/// policy (reference §5.6 tables A/B). Failures answer as API Gateway does: no signature ⇒ 403
/// <c>Missing Authentication Token</c>; unknown key ⇒ 403 <c>The security token included in the request is
/// invalid.</c>; stale or future date ⇒ 403 <c>Signature expired: ...</c>; wrong signature ⇒ 403
/// <c>The request signature we calculated does not match...</c>; not allowed ⇒ 403
/// <c>User: arn is not authorized to perform: execute-api:Invoke on resource: arn</c>.
/// </summary>
internal sealed class IamAuthStep(IamAccessKeys keys, ResourcePolicyModel? resourcePolicy, TimeProvider time) : IGatewayStep
{
    public const string Service = "execute-api";

    /// <summary>How far a header-signed request's X-Amz-Date may be from the gateway's clock, either way.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private static readonly GatewayError Missing = new(GatewayResponseType.MissingAuthenticationToken);
    private static readonly GatewayError BadSignature = new(GatewayResponseType.InvalidSignature);
    private static readonly GatewayError UnknownKey = new(GatewayResponseType.InvalidSignature, "The security token included in the request is invalid.");

    public async ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var error = await AuthenticateAsync(context);
        if (error is not null)
        {
            context.Error = error;
            return;
        }

        await next(context);
    }

    private async ValueTask<GatewayError?> AuthenticateAsync(GatewayContext context)
    {
        var request = context.Http.Request;
        var methodArn = MethodArns.For(context);
        if (ExecuteApiArn.IsTooLong(methodArn))
        {
            return IamDenials.UriTooLong;
        }

        var authorizationHeader = request.Headers.Authorization.Count == 1 ? request.Headers.Authorization[0] : null;
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        if (request.Headers.Authorization.Count > 1)
        {
            return Incomplete("Authorization header may be sent only once.");
        }

        if (!SigV4AuthorizationParser.IsPresent(authorizationHeader, query))
        {
            // A non-SigV4 Authorization header (a bearer token, say) is an incomplete signature, not a missing one.
            return authorizationHeader is null
                ? Missing
                : Incomplete("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
                    "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        SigV4Authorization? signature;
        string parseError;
        var parsed = authorizationHeader is not null && authorizationHeader.TrimStart().StartsWith(SigV4.Algorithm, StringComparison.Ordinal)
            ? SigV4AuthorizationParser.TryParseHeader(authorizationHeader, Single(request, SigV4.DateHeader) ?? Single(request, "date"),
                Single(request, SigV4.SecurityTokenHeader), out signature, out parseError)
            : SigV4AuthorizationParser.TryParseQuery(query, out signature, out parseError);
        if (!parsed || signature is null)
        {
            return Incomplete(parseError);
        }

        if (signature.Scope.Service != Service)
        {
            return Incomplete($"Credential should be scoped to correct service: '{Service}'. ");
        }

        var key = keys.Find(signature.AccessKeyId);
        if (key is null || !key.Enabled || signature.SecurityToken is not null)
        {
            // Lakegate issues no session tokens, so a request carrying one cannot be from a key it knows.
            return UnknownKey;
        }

        if (signature.SigningTime is not { } signedAt)
        {
            return Incomplete($"Date must be in ISO-8601 'basic format'. Got '{signature.AmzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (!signature.ScopeDateMatches)
        {
            return Incomplete($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{signature.Scope.Date}' != '{signature.AmzDate[..Math.Min(8, signature.AmzDate.Length)]}', from '{signature.AmzDate}'.");
        }

        var now = time.GetUtcNow();
        if (Expired(signature, signedAt, now) is { } expired)
        {
            return expired;
        }

        // A declared body hash that is not the body's is a signature over some other request.
        var payloadHash = await PayloadHashAsync(context, signature);
        if (payloadHash is null)
        {
            return BadSignature;
        }

        var signing = new SigningRequest(request.Method, RawPath(context.Http), query, Headers(request), payloadHash);
        foreach (var name in signature.SignedHeaders)
        {
            if (!request.Headers.ContainsKey(name))
            {
                return BadSignature;
            }
        }

        if (!SigV4.Verify(signing, signature, key.SecretAccessKey, CanonicalUriStyle.Standard))
        {
            return BadSignature;
        }

        var principal = key.Principal;
        var iamRequest = ResourcePolicyRequests.For(context, methodArn, principal);
        var identity = IamEvaluator.Evaluate(key.Policies, iamRequest);
        var resource = resourcePolicy is null ? (IamDecision?)null : IamEvaluator.Evaluate(resourcePolicy.Policy, iamRequest);
        var decision = IamEvaluator.Combine(identity, resource, sameAccount: principal.AccountId == DeploymentModel.AccountId);
        if (decision != IamDecision.Allow)
        {
            return IamDenials.AccessDenied(principal.Arn, methodArn, decision);
        }

        context.Caller = new CallerIdentity(key.AccessKeyId, principal.AccountId, principal.UserName ?? principal.Arn, principal.UserName ?? principal.Arn, principal.Arn);
        return null;
    }

    /// <summary>Header signatures must be within <see cref="MaxSkew"/> of now; presigned ones until X-Amz-Expires (default 15 minutes) has passed.</summary>
    private static GatewayError? Expired(SigV4Authorization signature, DateTimeOffset signedAt, DateTimeOffset now)
    {
        var format = static (DateTimeOffset t) => SigV4.FormatAmzDate(t);
        if (signedAt > now + MaxSkew)
        {
            return new GatewayError(GatewayResponseType.InvalidSignature,
                $"Signature not yet current: {signature.AmzDate} is still later than {format(now + MaxSkew)} ({format(now)} + 15 min.)");
        }

        var lifetime = signature.Presigned ? signature.Expires ?? MaxSkew : MaxSkew;
        if (signedAt + lifetime < now)
        {
            var limit = now - lifetime;
            var minutes = lifetime.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
            return new GatewayError(GatewayResponseType.ExpiredToken,
                $"Signature expired: {signature.AmzDate} is now earlier than {format(limit)} ({format(now)} - {minutes} min.)");
        }

        return null;
    }

    /// <summary>
    /// The payload hash the signature covers: the x-amz-content-sha256 header when sent (UNSIGNED-PAYLOAD
    /// allowed; a hex hash must match the body), else the body's own hash. Null when a declared hash is wrong.
    /// </summary>
    private static async ValueTask<string?> PayloadHashAsync(GatewayContext context, SigV4Authorization signature)
    {
        var request = context.Http.Request;
        var declared = Single(request, SigV4.ContentSha256Header);
        if (signature.Presigned && declared is null)
        {
            declared = CanonicalRequest.ParseQuery(request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty)
                .Where(p => p.Name.Equals("X-Amz-Content-Sha256", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault();
        }

        if (declared == SigV4.UnsignedPayload)
        {
            return declared;
        }

        // The body is read once here and rewound, so the integration still sees it.
        request.EnableBuffering();
        string actual;
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        request.Body.Position = 0;
        return declared is null || declared.Equals(actual, StringComparison.OrdinalIgnoreCase) ? actual : null;
    }

    /// <summary>The path exactly as the client sent it (still percent-encoded), which is what it signed.</summary>
    private static string RawPath(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return http.Request.PathBase.Add(http.Request.Path).ToUriComponent();
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? raw : raw[..question];
    }

    private static List<KeyValuePair<string, string>> Headers(HttpRequest request)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name.ToLowerInvariant(), value ?? string.Empty));
            }
        }

        return headers;
    }

    private static string? Single(HttpRequest request, string header) =>
        request.Headers.TryGetValue(header, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>A malformed or incomplete signature: 403 with AWS's explanation (it names no secret).</summary>
    private static GatewayError Incomplete(string message) => new(GatewayResponseType.InvalidSignature, message);
}
