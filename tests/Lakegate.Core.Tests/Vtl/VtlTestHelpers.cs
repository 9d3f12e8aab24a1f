using Lakegate.Core.Vtl;

namespace Lakegate.Core.Tests.Vtl;

internal static class VtlTestHelpers
{
    public static VtlTemplate Compile(string source)
    {
        var result = VtlTemplate.Parse(source, "test");
        Assert.True(result.Template is not null, "parse failed: " + string.Join("; ", result.Errors));
        return result.Template!;
    }

    public static VtlRenderResult RenderResult(string source, VtlScope? scope = null, VtlLimits? limits = null) =>
        Compile(source).Render(scope ?? new VtlScope(), limits ?? VtlLimits.Default);

    public static string Render(string source, VtlScope? scope = null)
    {
        var result = RenderResult(source, scope);
        Assert.True(result.Error is null, "render failed: " + result.Error);
        return result.Output;
    }
}
