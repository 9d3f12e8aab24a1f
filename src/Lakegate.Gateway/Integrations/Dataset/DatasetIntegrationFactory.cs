using Lakegate.Core.Definitions;
using Lakegate.Core.Datasets;
using Lakegate.Gateway.Data;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>Compiles <c>dataset</c> integrations: which dataset, and for item routes which path parameters hold the key.</summary>
public sealed class DatasetIntegrationFactory(DatasetCatalog catalog, TimeProvider time, ILoggerFactory loggers) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.Dataset;

    public IIntegration Create(RouteCompileContext route)
    {
        var name = DatasetReference.Name(route.Route.Integration);
        var definition = name is null ? null : catalog.Definitions.FirstOrDefault(d => d.Name == name);
        if (name is null || definition is null)
        {
            return new UnservedDataset(name);
        }

        var parameters = DatasetReference.PathParameters(route.Route.Path);
        IReadOnlyList<string>? keyParameters = null;
        if (parameters.Count > 0)
        {
            keyParameters = DatasetReference.KeyParameters(definition.Key, parameters);
            if (keyParameters is null || definition.Key.Count == 0)
            {
                return new UnservedDataset(name);
            }

            // Order the parameters like the key's columns.
            keyParameters = definition.Key.Count == 1 ? keyParameters : definition.Key;
        }

        return new DatasetIntegration(catalog, name, keyParameters, time, loggers.CreateLogger("Lakegate.Datasets"));
    }
}
