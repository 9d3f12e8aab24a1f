using System.Diagnostics;
using Lakegate.Core.Vtl;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

public sealed class VtlLimitsTests
{
    private static VtlRenderResult RenderTimed(string template, VtlLimits? limits = null, VtlScope? scope = null)
    {
        var watch = Stopwatch.StartNew();
        var result = RenderResult(template, scope, limits);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.NotNull(result.Error);
        return result;
    }

    [Fact]
    public void Render_ForeachOverMaxLoopIterations_Fails()
    {
        var result = RenderTimed("#foreach($i in [1..1001])#end");
        Assert.Contains("1000 iterations", result.Error!.Message, StringComparison.Ordinal);
        Assert.Null(RenderResult("#foreach($i in [1..1000])#end").Error);
    }

    [Fact]
    public void Render_NestedRangesOverTotalIterations_Fails()
    {
        var result = RenderTimed("#foreach($a in [1..1000])#foreach($b in [1..1000])#end#end");
        Assert.Contains("in total", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeRangeValue_FailsWithoutAllocating()
    {
        var result = RenderTimed("#set($r = [1..2000000000])");
        Assert.Contains("range", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ListGrowingWhileIterated_StopsAtLoopLimit()
    {
        RenderTimed("#set($l = [1])#foreach($i in $l)#set($d = $l.add($i))#end");
    }

    [Fact]
    public void Render_StringDoublingBomb_FailsAtOutputLimit()
    {
        var result = RenderTimed("#set($s = 'xxxxxxxxxx')#foreach($i in [1..100])#set($s = \"$s$s\")#end$s");
        Assert.Contains("exceeded 1000000", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConcatAndReplaceBombs_FailAtOutputLimit()
    {
        RenderTimed("#set($s = 'xxxxxxxxxx')#foreach($i in [1..100])#set($s = $s + $s)#end");
        RenderTimed("#set($s = 'xxxxxxxxxx')#foreach($i in [1..100])#set($s = $s.replaceAll('x', 'xx'))#end");
        RenderTimed("#set($s = 'xxxxxxxxxx')#foreach($i in [1..100])#set($s = $s.replace('x', 'xx'))#end");
    }

    [Fact]
    public void Render_ManyDistinctLargeStrings_FailAtBuildBudget()
    {
        var limits = VtlLimits.Default with { MaxOutputChars = 10_000 };
        var scope = new VtlScope().Set("big", new string('x', 9_000));
        var result = RenderTimed("#set($l = [])#foreach($i in [1..1000])#set($d = $l.add(\"$big$i\"))#end", limits, scope);
        Assert.Contains("built more than", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RetainedCollectionCopies_FailAtBuildBudget()
    {
        var limits = VtlLimits.Default with { MaxOutputChars = 10_000 };
        var result = RenderTimed("#set($m = {})#foreach($i in [1..1000])#set($d = $m.put(\"k$i\", $i))#end#set($l = [])#foreach($i in [1..1000])#set($d = $l.add($m.keySet()))#end", limits);
        Assert.Contains("built more than", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputOverLimit_FailsAndTruncates()
    {
        var result = RenderTimed("#foreach($i in [1..1000])0123456789#end", VtlLimits.Default with { MaxOutputChars = 5000 });
        Assert.True(result.Output.Length <= 5000);
    }

    [Fact]
    public void Render_CatastrophicRegex_TimesOut()
    {
        var scope = new VtlScope().Set("s", new string('a', 40) + "!");
        var result = RenderTimed("$s.replaceAll('(a+)+$', 'x')", VtlLimits.Default with { MaxDuration = TimeSpan.FromMilliseconds(200) }, scope);
        Assert.Contains("regular expression", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SlowLoops_StopAtMaxDuration()
    {
        var limits = VtlLimits.Default with { MaxDuration = TimeSpan.FromMilliseconds(50), MaxTotalIterations = int.MaxValue };
        var result = RenderTimed("#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end", limits);
        Assert.Contains("ms", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Cancelled_Fails()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = Compile("#foreach($i in [1..10])x#end").Render(new VtlScope(), VtlLimits.Default, cts.Token);
        Assert.Contains("cancelled", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RecursiveMacro_FailsAtMaxDepth()
    {
        var result = RenderTimed("#macro(r $n)#r($n)#end#r(1)");
        Assert.Contains("depth 64", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SelfReferencingDefine_FailsAtMaxDepth()
    {
        RenderTimed("#define($d)$d#end$d");
    }

    [Fact]
    public void Render_CyclicMap_FailsInsteadOfOverflowing()
    {
        RenderTimed("#set($m = {})#set($d = $m.put('self', $m))$m");
        RenderTimed("#set($l = [])#set($d = $l.add($l))#if($l == [[]])#end$l");
    }

    [Fact]
    public void Render_NestingDeeperThanMaxDepth_Fails()
    {
        var template = string.Concat(Enumerable.Repeat("#if(true)", 80)) + "x" + string.Concat(Enumerable.Repeat("#end", 80));
        RenderTimed(template);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("#if(true)", "#end")]
    [InlineData("[", "]")]
    [InlineData("$a.b(", ")")]
    [InlineData("{'k':", "}")]
    [InlineData("\"$a.b(", ")\"")]
    public void Parse_HostileNesting_FailsCleanly(string open, string close)
    {
        var inner = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        var source = open.StartsWith('#') ? inner : "#set($x = " + inner + ")";
        var result = VtlTemplate.Parse(source.Length > 300 * 1024 ? source[..(300 * 1024)] : source, "hostile");
        Assert.Null(result.Template);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Parse_LongOperatorChain_FailsCleanly()
    {
        var result = VtlTemplate.Parse("#set($x = 1" + string.Concat(Enumerable.Repeat(" + 1", 50_000)) + ")", "chain");
        Assert.Null(result.Template);
        Assert.Contains("operators", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeepButParseableExpression_FailsOrRendersWithoutCrashing()
    {
        // 90 nested parentheses, each holding a 900-operator chain: within parse limits, deep to evaluate.
        var chain = string.Concat(Enumerable.Repeat("1+", 900));
        var source = "#set($x = " + string.Concat(Enumerable.Repeat("(" + chain, 90)) + "1" + new string(')', 90) + ")$x";
        var parsed = VtlTemplate.Parse(source, "deep");
        Assert.NotNull(parsed.Template);
        var thread = new Thread(() => parsed.Template!.Render(new VtlScope(), VtlLimits.Default), 256 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("$a[")]
    [InlineData("$a[[1,")]
    [InlineData("#a(1 ")]
    [InlineData("#a(\"")]
    [InlineData("$a[\"")]
    [InlineData("${a.b(")]
    [InlineData("\\")]
    [InlineData("#if(")]
    public void Parse_Pathological300KB_IsFast(string unit)
    {
        var source = string.Concat(Enumerable.Repeat(unit, (300 * 1024) / unit.Length));
        var watch = Stopwatch.StartNew();
        var result = VtlTemplate.Parse(source, "pathological");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        if (result.Template is { } template)
        {
            watch.Restart();
            _ = template.Render(new VtlScope(), VtlLimits.Default);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"render took {watch.Elapsed}");
        }
    }

    [Fact]
    public void Parse_TemplateOver300KB_Fails()
    {
        var result = VtlTemplate.Parse(new string('x', (300 * 1024) + 1), "big");
        Assert.Null(result.Template);
        Assert.Contains("300 KB", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.NotNull(VtlTemplate.Parse(new string('x', 300 * 1024), "fits").Template);
    }
}
