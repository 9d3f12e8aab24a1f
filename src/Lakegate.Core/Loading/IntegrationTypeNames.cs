using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Integration type spellings accepted in files: API Gateway's (HTTP_PROXY, any case) and Lakegate's (dataset, sql).</summary>
internal static class IntegrationTypeNames
{
    public const string Expected = "http_proxy, http, mock, aws, aws_proxy, dataset or sql";

    public static bool TryParse(string text, out IntegrationType type)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "HTTP_PROXY":
                type = IntegrationType.HttpProxy;
                return true;
            case "HTTP":
                type = IntegrationType.Http;
                return true;
            case "MOCK":
                type = IntegrationType.Mock;
                return true;
            case "AWS":
                type = IntegrationType.Aws;
                return true;
            case "AWS_PROXY":
                type = IntegrationType.AwsProxy;
                return true;
            case "DATASET":
                type = IntegrationType.Dataset;
                return true;
            case "SQL":
                type = IntegrationType.Sql;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
