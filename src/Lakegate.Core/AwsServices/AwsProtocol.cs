namespace Lakegate.Core.AwsServices;

/// <summary>How a service wants its requests (the <c>protocol</c> of its service model).</summary>
public enum AwsProtocol
{
    /// <summary>POST / with a JSON body, the operation in <c>X-Amz-Target</c> (DynamoDB, Kinesis, Step Functions, ...).</summary>
    Json,

    /// <summary>Form-encoded <c>Action=...&amp;Version=...</c> parameters (SQS, SNS, STS).</summary>
    Query,

    /// <summary>Method and path carry the operation (S3 and any service reached through a <c>path/</c> URI).</summary>
    Rest,
}
