using System.Text;
using Lakegate.Core.Vtl;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

/// <summary>
/// Variables live in slots numbered at parse time, and the render state holding them is reused
/// per thread: these pin down that shadowing, restoring and render-to-render isolation behave as
/// with named variables.
/// </summary>
public sealed class VtlVariableSlotTests
{
    [Fact]
    public void Foreach_VariableShadowingAScopeVariable_GivesTheScopeValueBackAfterTheLoop()
    {
        var scope = new VtlScope().Set("x", "outer");
        Assert.Equal("ab outer", Render("""#foreach($x in ["a", "b"])$x#end $x""", scope));
    }

    [Fact]
    public void Foreach_NullItem_IsNullNotTheScopeValue()
    {
        var scope = new VtlScope().Set("x", "outer").Set("list", new VtlList { "a", null });
        Assert.Equal("[a][$x] outer", Render("#foreach($x in $list)[$x]#end $x", scope));
    }

    [Fact]
    public void Foreach_NestedLoops_RestoreTheOuterForeach()
    {
        Assert.Equal("0:0,1;1:0,1;", Render("#foreach($a in [1..2])$foreach.index:#foreach($b in [1..2])$foreach.index#if($foreach.hasNext),#end#end;#end"));
    }

    [Fact]
    public void Macro_ParametersAreRestoredAndMissingOnesFallBackToTheScope()
    {
        var scope = new VtlScope().Set("q", "s");
        Assert.Equal("[in|s]outer", Render("""#macro(m $p $q)[$p|$q]#end#set($p = "outer")#m("in")$p""", scope));
    }

    [Fact]
    public void Define_ReadsVariablesWhenRendered()
    {
        Assert.Equal("hi x", Render("""#define($d)hi $n#end#set($n = "x")$d"""));
    }

    [Fact]
    public void Render_Twice_KeepsNoVariablesFromTheRenderBefore()
    {
        var template = Compile("""[$!y]#set($y = "set")[$y]""");
        Assert.Equal("[][set]", template.Render(new VtlScope(), VtlLimits.Default).Output);
        Assert.Equal("[][set]", template.Render(new VtlScope(), VtlLimits.Default).Output);
    }

    [Fact]
    public void Render_WithAnotherScope_ReadsTheNewScope()
    {
        var template = Compile("$v");
        Assert.Equal("1", template.Render(new VtlScope().Set("v", "1"), VtlLimits.Default).Output);
        Assert.Equal("2", template.Render(new VtlScope().Set("v", "2"), VtlLimits.Default).Output);
        Assert.Equal("$v", template.Render(new VtlScope(), VtlLimits.Default).Output);
    }

    [Fact]
    public void Render_TemplateWithManyNames_ThenASmallOne_BothRenderCorrectly()
    {
        var source = new StringBuilder();
        for (var i = 0; i < 1500; i++)
        {
            source.Append("#set($v").Append(i).Append(" = ").Append(i).Append(')');
        }

        source.Append("$v0,$v1499");
        var large = Compile(source.ToString());
        Assert.Equal("0,1499", large.Render(new VtlScope(), VtlLimits.Default).Output);
        Assert.Equal("0,1499", large.Render(new VtlScope(), VtlLimits.Default).Output);
        Assert.Equal("$v0", Render("$v0"));
    }
}
