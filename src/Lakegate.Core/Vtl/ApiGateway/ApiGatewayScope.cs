namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>Builds the root scope of an API Gateway mapping template.</summary>
public static class ApiGatewayScope
{
    /// <summary><c>$input</c>, <c>$util</c>, <c>$context</c> and <c>$stageVariables</c> (a map).</summary>
    public static VtlScope Create(ApiGatewayRequest request, IVtlObject context, IReadOnlyDictionary<string, string> stageVariables) =>
        throw new NotImplementedException();
}
