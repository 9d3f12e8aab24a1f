namespace Lakegate.Core.Definitions;

/// <summary>
/// Which integration types the gateway can run today. A definition may declare the others (they are
/// parsed and kept); routes using them answer 500 naming the missing capability, and validation warns.
/// </summary>
public static class IntegrationSupport
{
    public static bool IsServed(IntegrationType type) => type switch
    {
        IntegrationType.HttpProxy or IntegrationType.Http or IntegrationType.Mock or IntegrationType.AwsProxy or IntegrationType.Aws or IntegrationType.Dataset or IntegrationType.Sql => true,
        _ => false,
    };

    /// <summary>The capability a user is missing, for messages: "MOCK integrations (mapping templates)".</summary>
    public static string Describe(IntegrationType type) => type switch
    {
        IntegrationType.HttpProxy => "HTTP_PROXY integrations",
        IntegrationType.Http => "HTTP (non-proxy) integrations (mapping templates)",
        IntegrationType.Mock => "MOCK integrations (mapping templates)",
        IntegrationType.Aws => "AWS integrations (service actions and non-proxy Lambda)",
        IntegrationType.AwsProxy => "AWS_PROXY (Lambda proxy) integrations (functions)",
        IntegrationType.Dataset => "dataset integrations",
        IntegrationType.Sql => "sql integrations",
        _ => type.ToString(),
    };

    /// <summary>The API Gateway spelling of a type (HTTP_PROXY, AWS_PROXY, ...), Lakegate kinds in lower case.</summary>
    public static string WireName(IntegrationType type) => type switch
    {
        IntegrationType.HttpProxy => "HTTP_PROXY",
        IntegrationType.Http => "HTTP",
        IntegrationType.Mock => "MOCK",
        IntegrationType.Aws => "AWS",
        IntegrationType.AwsProxy => "AWS_PROXY",
        IntegrationType.Dataset => "dataset",
        IntegrationType.Sql => "sql",
        _ => type.ToString(),
    };
}
