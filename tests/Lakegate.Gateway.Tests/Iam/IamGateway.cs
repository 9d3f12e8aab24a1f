using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Iam;

/// <summary>Helpers to deploy IAM/resource-policy definitions to a real gateway and to sign requests to it.</summary>
internal static class IamGateway
{
    public static readonly MasterKey Key = MasterKey.Parse(MasterKey.Generate(), "test");

    /// <summary>A MOCK route echoing the IAM identity the gateway put on $context.</summary>
    public static string WhoAmIRoute(string routeKey, string authorization) => $$"""
              - route: {{routeKey}}
                authorizationType: {{authorization}}
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates:
                        application/json: '{"accessKey":"$!context.identity.accessKey","user":"$!context.identity.user","userArn":"$!context.identity.userArn","caller":"$!context.identity.caller","accountId":"$!context.identity.accountId","sourceIp":"$!context.identity.sourceIp"}'
        """;

    public static async Task DeployAsync(TestGateway gateway, string yaml)
    {
        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        await gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(result.Config!, new DeployRequest(), CancellationToken.None);
        await gateway.WaitForStoreAsync();
    }

    /// <summary>Creates an access key and waits until the node has loaded it.</summary>
    public static async Task<AwsCredentials> CreateKeyAsync(TestGateway gateway, string user, string account = DeploymentModel.AccountId, params string[] policies)
    {
        var vault = gateway.Services.GetRequiredService<SecretVault>();
        var (key, secret) = await vault.CreateAccessKeyAsync(user, account, policies, CancellationToken.None);
        await WaitForSecretsAsync(gateway);
        return new AwsCredentials(key.AccessKeyId, secret);
    }

    public static async Task WaitForSecretsAsync(TestGateway gateway)
    {
        var vault = gateway.Services.GetRequiredService<SecretVault>();
        var state = gateway.Services.GetRequiredService<SecretsState>();
        var revision = await vault.Store.GetRevisionAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (state.Current.Revision < revision)
        {
            Assert.True(DateTime.UtcNow < deadline, $"gateway did not load secret revision {revision}");
            await Task.Delay(10);
        }
    }

    public const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:*"}]}""";

    /// <summary>Signs <paramref name="request"/> in place with an Authorization header (SigV4, service execute-api).</summary>
    public static void Sign(HttpRequestMessage request, AwsCredentials credentials, DateTimeOffset? time = null, string? payloadHash = null,
        string region = "us-east-1", string service = "execute-api", IReadOnlyList<string>? extraSignedHeaders = null)
    {
        var when = time ?? DateTimeOffset.UtcNow;
        var uri = request.RequestUri!;
        var body = request.Content is null ? [] : request.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var headers = new List<KeyValuePair<string, string>> { new("host", uri.Authority) };
        foreach (var name in extraSignedHeaders ?? [])
        {
            headers.Add(new(name, request.Headers.GetValues(name).First()));
        }

        var signing = new SigningRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, payloadHash ?? SigV4.HashPayload(body));
        foreach (var (name, value) in SigV4.SignHeaders(signing, extraSignedHeaders ?? [], credentials, SigningScope.For(when, region, service), when,
            CanonicalUriStyle.Standard, includeContentSha256: payloadHash is not null))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>A presigned URL (query-string SigV4) for a GET.</summary>
    public static string Presign(string url, AwsCredentials credentials, DateTimeOffset? time = null, TimeSpan? expires = null)
    {
        var when = time ?? DateTimeOffset.UtcNow;
        var uri = new Uri(url);
        var signing = new SigningRequest("GET", uri.AbsolutePath, uri.Query.TrimStart('?'), [new("host", uri.Authority)], SigV4.EmptyPayloadHash);
        var query = SigV4.Presign(signing, [], credentials, SigningScope.For(when, "us-east-1", "execute-api"), when, expires ?? TimeSpan.FromMinutes(5), CanonicalUriStyle.Standard);
        return $"{uri.GetLeftPart(UriPartial.Path)}?{query}";
    }
}
