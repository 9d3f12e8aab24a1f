using Lakegate.Core.Mapping;

namespace Lakegate.Core.Tests.Mapping;

public sealed class ParameterMappingTests
{
    [Theory]
    [InlineData("integration.request.path.id", "method.request.path.id", ParameterLocation.Path, MappingSourceKind.MethodRequest, "id")]
    [InlineData("integration.request.header.X", "'static value'", ParameterLocation.Header, MappingSourceKind.Static, "static value")]
    [InlineData("integration.request.querystring.q", "stageVariables.v", ParameterLocation.QueryString, MappingSourceKind.StageVariable, "v")]
    [InlineData("integration.request.header.R", "context.requestId", ParameterLocation.Header, MappingSourceKind.Context, "requestId")]
    [InlineData("integration.request.header.B", "method.request.body.a.b", ParameterLocation.Header, MappingSourceKind.MethodRequestBody, "a.b")]
    [InlineData("integration.request.multivalueheader.M", "method.request.multivalueheader.M", ParameterLocation.MultiValueHeader, MappingSourceKind.MethodRequest, "M")]
    public void TryParse_ValidMappings(string destination, string source, ParameterLocation location, MappingSourceKind kind, string name)
    {
        Assert.True(ParameterMapping.TryParse(destination, source, out var mapping, out var error), error);
        Assert.Equal(location, mapping!.Destination);
        Assert.Equal(kind, mapping.SourceKind);
        Assert.Equal(name, mapping.SourceName);
    }

    [Theory]
    [InlineData("integration.request.cookie.x", "method.request.path.id")]
    [InlineData("method.request.path.id", "method.request.path.id")]
    [InlineData("integration.request.path.", "method.request.path.id")]
    [InlineData("integration.request.path.id", "request.path.id")]
    [InlineData("integration.request.path.id", "'unterminated")]
    public void TryParse_InvalidMappings_SayWhy(string destination, string source)
    {
        Assert.False(ParameterMapping.TryParse(destination, source, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
