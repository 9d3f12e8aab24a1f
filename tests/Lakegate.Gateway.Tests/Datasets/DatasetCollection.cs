namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>One set of generated files and one gateway for every dataset test class.</summary>
[CollectionDefinition(Name)]
public sealed class DatasetCollection : ICollectionFixture<DatasetGatewayFixture>
{
    public const string Name = "datasets";
}
