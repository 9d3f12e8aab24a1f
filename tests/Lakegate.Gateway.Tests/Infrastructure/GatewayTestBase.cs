namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>
/// A test class's real backend and real gateway, started before its tests and stopped after.
/// Override <see cref="StartGatewayAsync"/> for other options and <see cref="OnStartedAsync"/> to deploy.
/// </summary>
public abstract class GatewayTestBase : IAsyncLifetime
{
    protected TestBackend Backend { get; private set; } = null!;

    protected TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await TestBackend.StartAsync();
        Gateway = await StartGatewayAsync();
        await OnStartedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    protected virtual Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync();

    protected virtual Task OnStartedAsync() => Task.CompletedTask;
}
