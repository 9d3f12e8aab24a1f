namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary><c>$input</c>: the method request's body and parameters.</summary>
public sealed class InputObject : IVtlObject
{
    public InputObject(ApiGatewayRequest request) => Request = request;

    public ApiGatewayRequest Request { get; }

    public bool TryGetProperty(string name, out object? value) => throw new NotImplementedException();

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result) => throw new NotImplementedException();

    public bool TrySetProperty(string name, object? value) => false;
}
