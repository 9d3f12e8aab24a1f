using Microsoft.Extensions.Hosting;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// A Runtime API listener lives and dies with its worker, not with the process's signals: without
/// this, every listener's default console lifetime would react to SIGTERM on its own and reset its
/// runtime's connection before the function host has stopped the worker.
/// </summary>
internal sealed class RuntimeApiLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
