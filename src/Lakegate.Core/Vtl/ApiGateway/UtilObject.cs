namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary><c>$util</c>: API Gateway's six helpers (escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode).</summary>
public sealed class UtilObject : IVtlObject
{
    public static UtilObject Instance { get; } = new();

    private UtilObject()
    {
    }

    public bool TryGetProperty(string name, out object? value)
    {
        value = null;
        return false;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result) => throw new NotImplementedException();

    public bool TrySetProperty(string name, object? value) => false;
}
