using System.Text.Json;

namespace Lakegate.Core.Vtl;

/// <summary>Conversions between JSON and the values templates see.</summary>
public static class VtlJson
{
    /// <summary>Objects become <see cref="VtlMap"/>, arrays <see cref="VtlList"/>, numbers int/long/double as Java would parse them.</summary>
    public static object? FromJson(JsonElement element) => throw new NotImplementedException();

    /// <summary>Serializes a template value as JSON text.</summary>
    public static string ToJson(object? value) => throw new NotImplementedException();
}
