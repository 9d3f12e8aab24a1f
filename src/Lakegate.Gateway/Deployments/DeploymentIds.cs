using System.Security.Cryptography;

namespace Lakegate.Gateway.Deployments;

/// <summary>Short random ids shaped like API Gateway's (<c>a1b2c3</c>).</summary>
public static class DeploymentIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(int length = 8) => RandomNumberGenerator.GetString(Alphabet, length);
}
