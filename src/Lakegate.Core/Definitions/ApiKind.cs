namespace Lakegate.Core.Definitions;

/// <summary>REST APIs behave as API Gateway v1, HTTP APIs as API Gateway v2 (protocolType HTTP).</summary>
public enum ApiKind
{
    Rest,
    Http,
}
