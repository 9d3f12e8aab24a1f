using System.Text.Json;

namespace Lakegate.Core.Definitions;

/// <summary>Shared empty collections, so definitions never carry nulls for "nothing declared".</summary>
public static class Empty
{
    public static readonly IReadOnlyDictionary<string, string> Strings = new Dictionary<string, string>();

    public static readonly IReadOnlyDictionary<string, JsonElement> Json = new Dictionary<string, JsonElement>();
}
