namespace Lakegate.Core.Definitions;

/// <summary>A customised Gateway Response (x-amazon-apigateway-gateway-responses entry).</summary>
public sealed record GatewayResponseDefinition
{
    /// <summary>Null keeps the type's default status.</summary>
    public int? StatusCode { get; init; }

    /// <summary><c>gatewayresponse.header.X</c> → <c>'static'</c> or <c>method.request.header.Y</c> (also querystring, path, stageVariables, context).</summary>
    public IReadOnlyDictionary<string, string> ResponseParameters { get; init; } = Empty.Strings;

    /// <summary>Content type → body template (simple <c>$context</c>/<c>$stageVariables</c> substitution).</summary>
    public IReadOnlyDictionary<string, string> ResponseTemplates { get; init; } = Empty.Strings;

    public SourcePosition? Position { get; init; }
}
