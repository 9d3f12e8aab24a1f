namespace Lakegate.Core.Vtl;

/// <summary>
/// A template fault during a render: a limit hit or a failed call. Thrown inside the engine only;
/// <see cref="VtlTemplate.Render"/> turns it into <see cref="VtlRenderResult.Error"/>.
/// </summary>
internal sealed class VtlRenderException : Exception
{
    public VtlRenderException(int offset, string message)
        : base(message) => Offset = offset;

    public VtlRenderException()
    {
    }

    public VtlRenderException(string message)
        : base(message)
    {
    }

    public VtlRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the template source, or -1 when unknown.</summary>
    public int Offset { get; } = -1;
}
