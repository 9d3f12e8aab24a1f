namespace Lakegate.Gateway.Storage;

/// <summary>
/// A write that would break the store's invariants: deleting a deployment a stage still serves,
/// updating a stage whose version moved on, pointing a stage at a deployment that does not exist.
/// Control-plane callers turn it into a clear error; the data plane never sees it.
/// </summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException(string message) : base(message)
    {
    }

    public StoreConflictException()
    {
    }

    public StoreConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
