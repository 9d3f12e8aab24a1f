namespace Lakegate.Core.AwsServices;

/// <summary>
/// The services an <c>action/</c> URI can name, from their service models (protocol, <c>targetPrefix</c>,
/// <c>jsonVersion</c>, API version). Any service can be reached through a <c>path/</c> URI as a REST call.
/// </summary>
public static class AwsServiceCatalog
{
    private static readonly Dictionary<string, AwsServiceInfo> Known = new(StringComparer.Ordinal)
    {
        ["dynamodb"] = new("dynamodb", AwsProtocol.Json, "dynamodb", "DynamoDB_20120810", "1.0"),
        ["kinesis"] = new("kinesis", AwsProtocol.Json, "kinesis", "Kinesis_20131202", "1.1"),
        ["firehose"] = new("firehose", AwsProtocol.Json, "firehose", "Firehose_20150804", "1.1"),
        ["states"] = new("states", AwsProtocol.Json, "states", "AWSStepFunctions", "1.0"),
        ["events"] = new("events", AwsProtocol.Json, "events", "AWSEvents", "1.1"),
        ["logs"] = new("logs", AwsProtocol.Json, "logs", "Logs_20140328", "1.1"),
        // SQS also speaks JSON 1.0 (target AmazonSQS) since 2023; a definition that maps Content-Type to
        // application/x-amz-json-1.0 gets that protocol, everything else the query protocol API Gateway's recipes use.
        ["sqs"] = new("sqs", AwsProtocol.Query, "sqs", "AmazonSQS", "1.0", "2012-11-05"),
        ["sns"] = new("sns", AwsProtocol.Query, "sns", QueryVersion: "2010-03-31"),
        ["sts"] = new("sts", AwsProtocol.Query, "sts", QueryVersion: "2011-06-15"),
        ["s3"] = new("s3", AwsProtocol.Rest, "s3"),
    };

    /// <summary>Services that take <c>action/</c> URIs, for messages.</summary>
    public static string ActionServices => string.Join(", ", Known.Values.Where(s => s.Protocol != AwsProtocol.Rest).Select(s => s.Name));

    public static AwsServiceInfo? Find(string service) => Known.GetValueOrDefault(service);

    /// <summary>A service reached through a <c>path/</c> URI: its known entry, else a REST service signed with its own name.</summary>
    public static AwsServiceInfo ForPath(string service) => Known.GetValueOrDefault(service) ?? new AwsServiceInfo(service, AwsProtocol.Rest, service);
}
