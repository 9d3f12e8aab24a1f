namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>Builds the root scope of an API Gateway mapping template, once per request.</summary>
public static class ApiGatewayScope
{
    /// <summary><c>$input</c>, <c>$util</c>, <c>$context</c> and <c>$stageVariables</c> (a map).</summary>
    public static VtlScope Create(ApiGatewayRequest request, IVtlObject context, IReadOnlyDictionary<string, string> stageVariables)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stageVariables);
        var stage = new VtlMap(stageVariables.Count);
        foreach (var (key, value) in stageVariables)
        {
            stage[key] = value;
        }

        return new VtlScope()
            .Set("input", new InputObject(request))
            .Set("util", UtilObject.Instance)
            .Set("context", context)
            .Set("stageVariables", stage);
    }
}
