using Lakegate.Core.Loading;
using Lakegate.Core.Secrets;

namespace Lakegate.Core.Tests.Secrets;

public sealed class SecretReferencesTests
{
    private static readonly Dictionary<(string, string), string> Values = new()
    {
        [("db-creds", "AWSCURRENT")] = """{"username":"app","password":"p@ss:w}rd","port":5432}""",
        [("db-creds", "AWSPREVIOUS")] = """{"username":"app","password":"old-pass"}""",
        [("token", "AWSCURRENT")] = "tok-123",
        [("token", "v-1")] = "tok-000",
    };

    private static string? Lookup(SecretReference r) => Values.GetValueOrDefault((r.Name, r.Version));

    [Theory]
    [InlineData("{{secret:token}}", "tok-123")]
    [InlineData("Bearer {{secret:token}}!", "Bearer tok-123!")]
    [InlineData("{{secret:db-creds:password}}", "p@ss:w}rd")]
    [InlineData("{{secret:db-creds:port}}", "5432")]
    [InlineData("{{secret:db-creds:password:AWSPREVIOUS}}", "old-pass")]
    [InlineData("{{secret:token::v-1}}", "tok-000")]
    [InlineData("u={{secret:db-creds:username}};p={{secret:db-creds:password}}", "u=app;p=p@ss:w}rd")]
    [InlineData("no references {{ here }}", "no references {{ here }}")]
    public void Substitute_KnownReferences_InsertsValues(string text, string expected)
    {
        var errors = new List<string>();

        Assert.Equal(expected, SecretReferences.Substitute(text, Lookup, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("{{secret:nope}}", "unknown secret 'nope'")]
    [InlineData("{{secret:token:x}}", "secret 'token' is not a JSON object, so it has no key 'x'")]
    [InlineData("{{secret:db-creds:missing}}", "secret 'db-creds' has no key 'missing'")]
    [InlineData("{{secret:token::AWSPREVIOUS}}", "secret 'token' has no version AWSPREVIOUS")]
    [InlineData("{{secret:bad name}}", "malformed secret reference")]
    public void Substitute_UnresolvableReference_ReportsWithoutAnyValue(string text, string expected)
    {
        var errors = new List<string>();

        SecretReferences.Substitute(text, Lookup, errors);

        var error = Assert.Single(errors);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        foreach (var value in Values.Values)
        {
            Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_ConfigWithReferences_RecordsEachWithItsPosition()
    {
        const string yaml = """
            version: 1
            apis:
              - id: shop
                routes:
                  - route: GET /items
                    integration:
                      type: http_proxy
                      uri: "https://backend.example/items"
                      requestParameters:
                        integration.request.header.Authorization: "'Bearer {{secret:token}}'"
                  - route: GET /db
                    integration:
                      type: http_proxy
                      uri: https://{{secret:db-creds:username}}@db.example/
            """;

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var uses = result.Config!.SecretReferences;
        Assert.Equal(2, uses.Count);
        Assert.Equal(new SecretReference("token", null, SecretReference.Current), uses[0].Reference);
        Assert.Equal(10, uses[0].Position.Line);
        Assert.Equal("db-creds", uses[1].Reference.Name);
        Assert.Equal("username", uses[1].Reference.Key);
        Assert.Equal(("lakegate.yaml", 14, 24), (uses[1].Position.File, uses[1].Position.Line, uses[1].Position.Column));
    }

    [Fact]
    public void Load_MalformedReference_IsAnErrorAtItsPosition()
    {
        const string yaml = """
            version: 1
            apis:
              - id: shop
                routes:
                  - route: GET /items
                    integration:
                      type: http_proxy
                      uri: https://backend.example/{{secret:has space}}
            """;

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(8, error.Position!.Value.Line);
        Assert.Contains("malformed secret reference", error.Message, StringComparison.Ordinal);
    }
}
