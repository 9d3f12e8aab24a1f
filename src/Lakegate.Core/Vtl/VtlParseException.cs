namespace Lakegate.Core.Vtl;

/// <summary>A syntax error; thrown inside the parser only, <see cref="VtlTemplate.Parse"/> returns it as a <see cref="VtlError"/>.</summary>
internal sealed class VtlParseException : Exception
{
    public VtlParseException(int offset, string message)
        : base(message) => Offset = offset;

    public VtlParseException()
    {
    }

    public VtlParseException(string message)
        : base(message)
    {
    }

    public VtlParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Offset { get; }
}
