using Lakegate.Core.Vtl;

namespace Lakegate.Core.Tests.Vtl;

/// <summary>A <c>$context</c> stand-in: read-only values plus a <c>responseOverride</c> that records what templates set.</summary>
internal sealed class FakeContext : IVtlObject
{
    private readonly VtlMap _values = new()
    {
        ["httpMethod"] = "POST",
        ["stage"] = "prod",
        ["requestId"] = "req-1",
        ["identity"] = new VtlMap { ["sourceIp"] = "203.0.113.9", ["userAgent"] = "curl/8" },
    };

    public Overrides ResponseOverride { get; } = new();

    public bool TryGetProperty(string name, out object? value)
    {
        if (name == "responseOverride")
        {
            value = ResponseOverride;
            return true;
        }

        return _values.TryGetValue(name, out value);
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        return false;
    }

    public bool TrySetProperty(string name, object? value) => false;

    internal sealed class Overrides : IVtlObject
    {
        public object? Status { get; private set; }

        public VtlMap Header { get; } = new();

        public bool TryGetProperty(string name, out object? value)
        {
            value = name switch
            {
                "status" => Status,
                "header" => Header,
                _ => null,
            };
            return name is "status" or "header";
        }

        public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
        {
            result = null;
            return false;
        }

        public bool TrySetProperty(string name, object? value)
        {
            if (name != "status" || Status is not null)
            {
                return false;
            }

            Status = value;
            return true;
        }
    }
}
