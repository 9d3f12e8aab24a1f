using System.Text;

namespace Lakegate.Core.Iam;

/// <summary>
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>: what resource
/// policies, identity policies and authorizer policies name. The path is the request path below the
/// stage without its leading slash (the root is <c>.../GET/</c>).
/// </summary>
public static class ExecuteApiArn
{
    /// <summary>AWS refuses a method ARN longer than this with 414 (reference §1.2).</summary>
    public const int MaxMethodArnBytes = 1600;

    public const string InvokeAction = "execute-api:Invoke";

    public static string Api(string region, string accountId, string apiId) => $"arn:aws:execute-api:{region}:{accountId}:{apiId}";

    public static string Method(string region, string accountId, string apiId, string stage, string method, string path) =>
        $"{Api(region, accountId, apiId)}/{stage}/{method}/{path.TrimStart('/')}";

    public static bool IsTooLong(string arn) => Encoding.UTF8.GetByteCount(arn) > MaxMethodArnBytes;
}
