namespace Lakegate.Core.Authorizers;

/// <summary>
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>: what an authorizer
/// policy is evaluated against. The path is the request's, below the stage, without its leading
/// slash (the root resource gives a trailing <c>/</c>, as on AWS). HTTP APIs call it the route ARN.
/// </summary>
public static class MethodArn
{
    public const string Region = "us-east-1";

    public static string Build(string accountId, string apiId, string stage, string method, string path)
    {
        var trimmed = path.StartsWith('/') ? path[1..] : path;
        return $"arn:aws:execute-api:{Region}:{accountId}:{apiId}/{stage}/{method}/{trimmed}";
    }
}
