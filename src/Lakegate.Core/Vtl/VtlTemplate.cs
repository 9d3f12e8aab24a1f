namespace Lakegate.Core.Vtl;

/// <summary>
/// A Velocity (1.7) template parsed once, at deploy time, and rendered many times. Thread-safe:
/// a template holds no per-render state.
/// </summary>
public sealed class VtlTemplate
{
    private VtlTemplate(string source, string name)
    {
        Source = source;
        Name = name;
    }

    public string Source { get; }

    /// <summary>What error messages call the template (e.g. <c>GET /pets application/json</c>).</summary>
    public string Name { get; }

    /// <summary>Parses <paramref name="source"/>. Never throws for bad templates: errors come back with line and column.</summary>
    public static VtlParseResult Parse(string source, string name) => throw new NotImplementedException();

    /// <summary>Renders against <paramref name="scope"/>. Never throws for template faults; limits and failures come back as <see cref="VtlRenderResult.Error"/>.</summary>
    public VtlRenderResult Render(VtlScope scope, VtlLimits limits, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
