namespace Lakegate.Core.Definitions;

/// <summary>
/// The integration kinds a route can declare. Names follow API Gateway (HTTP_PROXY, AWS_PROXY, ...)
/// plus Lakegate's own data integrations. Which of them this build serves is <see cref="IntegrationSupport"/>.
/// </summary>
public enum IntegrationType
{
    HttpProxy,
    Http,
    Mock,
    Aws,
    AwsProxy,
    Dataset,
    Sql,
}
