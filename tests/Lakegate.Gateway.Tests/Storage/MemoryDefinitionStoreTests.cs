using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>The in-memory store passes the same conformance suite; "instances" over one storage share one object.</summary>
public sealed class MemoryDefinitionStoreTests : DefinitionStoreConformanceTests
{
    private MemoryDefinitionStore? _shared;

    protected override Task<IDefinitionStore> CreateSharedStoreAsync(TimeProvider time)
    {
        _shared ??= new MemoryDefinitionStore(time);
        return Task.FromResult<IDefinitionStore>(new SharedStore(_shared));
    }

    protected override Task<Func<TimeProvider, IDefinitionStore>> CreateFreshStorageAsync()
    {
        MemoryDefinitionStore? backing = null;
        var gate = new Lock();
        return Task.FromResult<Func<TimeProvider, IDefinitionStore>>(time =>
        {
            lock (gate)
            {
                backing ??= new MemoryDefinitionStore(time);
                return new SharedStore(backing);
            }
        });
    }
}
