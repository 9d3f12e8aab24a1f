namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// The emulators scripts/services/aws-emulators.sh starts (dynalite, s3rver, kinesalite), named by LAKEGATE_TEST_DYNAMODB,
/// LAKEGATE_TEST_S3 and LAKEGATE_TEST_KINESIS. Without them the tests fail: an AWS integration never run against a
/// service must not look green.
/// </summary>
public static class AwsEmulators
{
    public static string DynamoDb => Require("LAKEGATE_TEST_DYNAMODB");

    public static string S3 => Require("LAKEGATE_TEST_S3");

    public static string Kinesis => Require("LAKEGATE_TEST_KINESIS");

    /// <summary>s3rver's built-in account: it verifies SigV4 signatures made with these keys.</summary>
    public const string S3rverKey = "S3RVER";

    private static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{variable} is not set, so AWS integrations cannot be tested. Run ./scripts/test, which starts the emulators, " +
                "or: D=$(mktemp -d); eval \"export $(scripts/services/aws-emulators.sh start $D)\"; dotnet test; scripts/services/aws-emulators.sh stop $D");
        }

        return value.TrimEnd('/');
    }
}
