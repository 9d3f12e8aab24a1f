namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>The conformance classes share one gateway (and its aws-lambda-ric workers).</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceGatewayFixture>
{
    public const string Name = "Lambda runtime conformance";
}
