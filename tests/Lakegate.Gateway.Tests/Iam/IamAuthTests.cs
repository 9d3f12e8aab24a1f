using System.Net;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Iam;

/// <summary>AWS_IAM routes through a real gateway: SigV4 verification, identity policies, $context.identity, AWS's error bodies.</summary>
public sealed class IamAuthTests : GatewayTestBase
{
    private AwsCredentials _alice = null!;
    private AwsCredentials _other = null!;

    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.MasterKey = IamGateway.Key);

    protected override async Task OnStartedAsync()
    {
        await IamGateway.DeployAsync(Gateway, $$"""
            version: 1
            apis:
              - id: iamapi
                routes:
            {{IamGateway.WhoAmIRoute("GET /whoami", "AWS_IAM")}}
            {{IamGateway.WhoAmIRoute("POST /items/{id}", "AWS_IAM")}}
            {{IamGateway.WhoAmIRoute("GET /open", "NONE")}}
                stages:
                  - name: prod
            """);
        _alice = await IamGateway.CreateKeyAsync(Gateway, "alice", policies: IamGateway.AllowAll);
        _other = await IamGateway.CreateKeyAsync(Gateway, "other", policies: IamGateway.AllowAll);
    }

    private string Url(string path) => $"{Gateway.BaseUrl}/iamapi/prod{path}";

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ErrorType)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Gateway.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), type);
    }

    private HttpRequestMessage SignedGet(string path, AwsCredentials? credentials = null, DateTimeOffset? time = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        IamGateway.Sign(request, credentials ?? _alice, time);
        return request;
    }

    [Fact]
    public async Task SignedRequest_Allowed_FillsContextIdentity()
    {
        var (status, body, _) = await SendAsync(SignedGet("/whoami?b=2&a=1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_alice.AccessKeyId, body.GetProperty("accessKey").GetString());
        Assert.Equal("alice", body.GetProperty("user").GetString());
        Assert.Equal("alice", body.GetProperty("caller").GetString());
        Assert.Equal("arn:aws:iam::000000000000:user/alice", body.GetProperty("userArn").GetString());
        Assert.Equal("000000000000", body.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Unsigned_IsMissingAuthenticationToken()
    {
        var (status, body, type) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("/whoami")));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", body.GetRawText());
        Assert.Equal("MissingAuthenticationTokenException", type);
    }

    [Fact]
    public async Task UnknownOrDisabledKey_SecurityTokenInvalid()
    {
        var unknown = await SendAsync(SignedGet("/whoami", new AwsCredentials("AKIAUNKNOWNUNKNOWN00", "x")));
        var disabledKey = await IamGateway.CreateKeyAsync(Gateway, "dora", policies: IamGateway.AllowAll);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(SignedGet("/whoami", disabledKey))).Status);
        await Gateway.Services.GetRequiredService<SecretVault>().Store.SetAccessKeyEnabledAsync(disabledKey.AccessKeyId, false, CancellationToken.None);
        await IamGateway.WaitForSecretsAsync(Gateway);
        var disabled = await SendAsync(SignedGet("/whoami", disabledKey));

        foreach (var (status, body, _) in new[] { unknown, disabled })
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("""{"message":"The security token included in the request is invalid."}""", body.GetRawText());
        }
    }

    [Fact]
    public async Task WrongSecret_SignatureDoesNotMatch()
    {
        var (status, body, type) = await SendAsync(SignedGet("/whoami", _alice with { SecretAccessKey = _alice.SecretAccessKey + "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidSignatureException", type);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("body")]
    [InlineData("date")]
    [InlineData("key")]
    public async Task TamperedAfterSigning_IsRefused(string what)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/items/1?q=a"))
        {
            Content = new StringContent("""{"n":1}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-team", "blue");
        IamGateway.Sign(request, _alice, extraSignedHeaders: ["x-team"]);
        var control = await SendAsync(Clone(request, null));
        Assert.Equal(HttpStatusCode.OK, control.Status);

        var tampered = Clone(request, what);
        var (status, body, _) = await SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.StartsWith("The request signature we calculated does not match", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private HttpRequestMessage Clone(HttpRequestMessage signed, string? tamper)
    {
        var url = signed.RequestUri!.ToString();
        url = tamper switch
        {
            "path" => url.Replace("/items/1", "/items/2", StringComparison.Ordinal),
            "query" => url.Replace("q=a", "q=b", StringComparison.Ordinal),
            _ => url,
        };
        var copy = new HttpRequestMessage(signed.Method, url)
        {
            Content = new StringContent(tamper == "body" ? """{"n":2}""" : """{"n":1}""", Encoding.UTF8, "application/json"),
        };
        foreach (var header in signed.Headers)
        {
            var values = header.Value.ToArray();
            if (header.Key == "x-team" && tamper == "header")
            {
                values = ["red"];
            }
            else if (header.Key == "x-amz-date" && tamper == "date")
            {
                values = [SigV4.FormatAmzDate(DateTimeOffset.UtcNow.AddSeconds(-30))];
            }
            else if (header.Key == "Authorization" && tamper == "key")
            {
                // Another real key's id with this key's signature.
                values = [values[0].Replace(_alice.AccessKeyId, _other.AccessKeyId, StringComparison.Ordinal)];
            }

            copy.Headers.TryAddWithoutValidation(header.Key, values);
        }

        return copy;
    }

    [Fact]
    public async Task StaleOrFutureDate_SignatureExpired()
    {
        var (status, body, type) = await SendAsync(SignedGet("/whoami", time: DateTimeOffset.UtcNow.AddMinutes(-20)));
        var future = await SendAsync(SignedGet("/whoami", time: DateTimeOffset.UtcNow.AddMinutes(20)));
        var justInside = await SendAsync(SignedGet("/whoami", time: DateTimeOffset.UtcNow.AddMinutes(-14)));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Matches(@"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$", body.GetProperty("message").GetString());
        Assert.Equal("ExpiredTokenException", type);
        Assert.Equal(HttpStatusCode.Forbidden, future.Status);
        Assert.StartsWith("Signature not yet current:", future.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, justInside.Status);
    }

    [Fact]
    public async Task Presigned_ValidAccepted_ExpiredOrTamperedRefused()
    {
        var ok = await SendAsync(new HttpRequestMessage(HttpMethod.Get, IamGateway.Presign(Url("/whoami?x=1"), _alice)));
        var expired = await SendAsync(new HttpRequestMessage(HttpMethod.Get,
            IamGateway.Presign(Url("/whoami"), _alice, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(5))));
        var tampered = await SendAsync(new HttpRequestMessage(HttpMethod.Get, IamGateway.Presign(Url("/whoami?x=1"), _alice).Replace("x=1", "x=2", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(_alice.AccessKeyId, ok.Body.GetProperty("accessKey").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, expired.Status);
        Assert.StartsWith("Signature expired:", expired.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.Status);
    }

    [Fact]
    public async Task PayloadHashHeader_UnsignedPayloadAcceptedWrongHashRefused()
    {
        var unsigned = new HttpRequestMessage(HttpMethod.Post, Url("/items/9")) { Content = new StringContent("anything") };
        IamGateway.Sign(unsigned, _alice, payloadHash: SigV4.UnsignedPayload);
        var wrong = new HttpRequestMessage(HttpMethod.Post, Url("/items/9")) { Content = new StringContent("anything") };
        IamGateway.Sign(wrong, _alice, payloadHash: SigV4.EmptyPayloadHash);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(unsigned)).Status);
        var (status, body, _) = await SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.StartsWith("The request signature we calculated does not match", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongServiceOrBearerToken_IncompleteSignature()
    {
        var s3 = new HttpRequestMessage(HttpMethod.Get, Url("/whoami"));
        IamGateway.Sign(s3, _alice, service: "s3");
        var bearer = new HttpRequestMessage(HttpMethod.Get, Url("/whoami"));
        bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer abc.def.ghi");

        var wrongService = await SendAsync(s3);
        var token = await SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Forbidden, wrongService.Status);
        Assert.Equal("Credential should be scoped to correct service: 'execute-api'. ", wrongService.Body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, token.Status);
        Assert.StartsWith("Authorization header requires 'Credential' parameter.", token.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityPolicy_DeniesWhatItDoesNotAllow()
    {
        var reader = await IamGateway.CreateKeyAsync(Gateway, "reader", policies:
            """{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:iamapi/prod/GET/*"},{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:iamapi/*/GET/whoami"}]}""");
        var nobody = await IamGateway.CreateKeyAsync(Gateway, "nobody");

        var denied = await SendAsync(SignedGet("/whoami", reader));
        var post = new HttpRequestMessage(HttpMethod.Post, Url("/items/3"));
        IamGateway.Sign(post, reader);
        var implicitDeny = await SendAsync(post);
        var none = await SendAsync(SignedGet("/whoami", nobody));

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal(
            """{"Message":"User: arn:aws:iam::000000000000:user/reader is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:iamapi/prod/GET/whoami with an explicit deny"}""",
            denied.Body.GetRawText());
        Assert.Equal("AccessDeniedException", denied.ErrorType);
        Assert.Equal(
            """{"Message":"User: arn:aws:iam::000000000000:user/reader is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:iamapi/prod/POST/items/3"}""",
            implicitDeny.Body.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, none.Status);
    }

    [Fact]
    public async Task NoneRoute_IgnoresSignatures()
    {
        var (status, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Url("/open")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(string.Empty, body.GetProperty("accessKey").GetString());
    }
}
