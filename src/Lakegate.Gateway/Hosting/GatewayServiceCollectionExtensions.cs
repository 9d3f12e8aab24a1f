using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Integrations.Aws;
using Lakegate.Gateway.Integrations.Function;
using Lakegate.Gateway.Integrations.Http;
using Lakegate.Gateway.Integrations.HttpProxy;
using Lakegate.Gateway.Integrations.Mock;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Steps.ApiKey;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Hosting;

/// <summary>The one entry point that wires a gateway node. Defaults are TryAdd'ed so tests can replace them first.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddLakegateGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        var options = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource, SystemRandomSource>();
        services.TryAddSingleton<IDefinitionStore>(sp =>
        {
            var spec = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Store;
            var time = sp.GetRequiredService<TimeProvider>();
            return DefinitionStoreFactory.Create(spec, time);
        });

        services.TryAddSingleton<ISecretStore>(sp => SecretStoreFactory.For(sp.GetRequiredService<IDefinitionStore>()));
        services.TryAddSingleton(sp => new SecretVault(
            sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<IOptions<GatewayOptions>>().Value.MasterKey, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SecretsState>();
        services.TryAddSingleton<SecretResolver>();

        services.AddHttpForwarder();
        services.TryAddSingleton<ForwarderClients>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, HttpProxyIntegrationFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, HttpIntegrationFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, MockIntegrationFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, FunctionIntegrationFactory>());
        // AWS integrations: a Lambda URI goes to LambdaIntegrationFactory, any other service to AwsServiceIntegration.
        services.TryAddSingleton<LambdaIntegrationFactory>();
        services.TryAddSingleton<IAwsCredentialsProvider, ConfiguredAwsCredentialsProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, AwsIntegrationFactory>());

        services.TryAddSingleton<FunctionMetrics>(sp => new FunctionMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IFunctionEnvironmentResolver, SecretFunctionEnvironmentResolver>();
        services.TryAddSingleton<FunctionHost>();
        services.TryAddSingleton<IFunctionInvoker>(sp => sp.GetRequiredService<FunctionHost>());
        services.AddHostedService(sp => sp.GetRequiredService<FunctionHost>());

        services.TryAddSingleton<Data.DatasetCatalog>();
        services.AddHostedService(sp => sp.GetRequiredService<Data.DatasetCatalog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, Integrations.Dataset.DatasetIntegrationFactory>());
        services.TryAddSingleton<Integrations.Sql.SqlConnections>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationFactory, Integrations.Sql.SqlIntegrationFactory>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, Steps.Validate.RequestValidationStepFactory>());
        services.TryAddSingleton(sp => new TrafficClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRateLimitStore>(sp => RateLimitStoreFactory.Create(
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimitStore, sp.GetRequiredService<TrafficClock>().Time));
        services.TryAddSingleton<AccountThrottle>();
        services.TryAddSingleton<UsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        services.TryAddSingleton<Steps.Authenticate.IamAccessKeys>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, Steps.ResourcePolicy.ResourcePolicyStepFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, Steps.Authenticate.IamAuthStepFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, Steps.ResourcePolicy.ResourcePolicyAfterAuthStepFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, ApiKeyStepFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, ThrottleStepFactory>());

        // Authorizer results go where throttle state goes: Redis when the nodes share one, else memory.
        services.TryAddSingleton<Authorizers.IAuthorizerCache>(sp => sp.GetRequiredService<IRateLimitStore>() is Storage.Redis.RedisRateLimitStore redis
            ? new Authorizers.RedisAuthorizerCache(redis.Connection)
            : new Authorizers.MemoryAuthorizerCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new Authorizers.Jwt.JwtSettings());
        services.TryAddSingleton<Authorizers.Jwt.SigningKeyRegistry>();
        services.TryAddSingleton<Authorizers.Jwt.JwtTokenValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayStepFactory, Steps.Authorize.AuthorizerStepFactory>());

        services.TryAddSingleton<ChainCompiler>();
        services.TryAddSingleton<DeploymentCompiler>();
        services.TryAddSingleton<SnapshotBuilder>();
        services.TryAddSingleton<ServingState>();
        services.TryAddSingleton<DeploymentService>();
        services.TryAddSingleton<StoreWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreWatcher>());
        services.TryAddSingleton<GatewayRequestHandler>();
        return services;
    }
}
