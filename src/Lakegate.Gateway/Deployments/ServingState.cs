namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Holds the snapshot this node serves. Readers take <see cref="Current"/> once per request and
/// keep it; a swap is one reference write, so requests in flight finish on the snapshot they began with.
/// </summary>
public sealed class ServingState
{
    private ServingSnapshot _current = ServingSnapshot.Empty;

    public ServingSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised after every swap (tests and the CLI use it to know a revision is live).</summary>
    public event Action<ServingSnapshot>? Swapped;

    public void Swap(ServingSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Swapped?.Invoke(snapshot);
    }
}
