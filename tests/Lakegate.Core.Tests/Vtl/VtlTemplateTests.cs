using Lakegate.Core.Vtl;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

public sealed class VtlTemplateTests
{
    private static VtlScope Data() => new VtlScope()
        .Set("name", "World")
        .Set("n", 3)
        .Set("list", new VtlList { 1, "x", true })
        .Set("map", new VtlMap { ["a"] = 1, ["b"] = "two" })
        .Set("empty", string.Empty)
        .Set("nothing", null);

    [Theory]
    [InlineData("Hello $name!", "Hello World!")]
    [InlineData("${name}s", "Worlds")]
    [InlineData("$!name", "World")]
    [InlineData("$!{name}", "World")]
    [InlineData("$missing", "$missing")]
    [InlineData("${missing}", "${missing}")]
    [InlineData("[$!missing]", "[]")]
    [InlineData("[$!{missing}]", "[]")]
    [InlineData("$nothing", "$nothing")]
    [InlineData("$map.a $map.b $map.c", "1 two $map.c")]
    [InlineData("$map['b'] $map[\"a\"] $list[1]", "two 1 x")]
    [InlineData("$list[7]", "$list[7]")]
    [InlineData("$name.", "World.")]
    [InlineData("$name.length()", "5")]
    [InlineData("$map", "{a=1, b=two}")]
    [InlineData("$list", "[1, x, true]")]
    [InlineData("$n.toString()$n.intValue()", "33")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("a $ b", "a $ b")]
    [InlineData("mail@$", "mail@$")]
    public void Render_References_FollowVelocity(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("\\$name", "$name")]
    [InlineData("\\$missing", "\\$missing")]
    [InlineData("\\\\$name", "\\World")]
    [InlineData("\\\\\\$name", "\\$name")]
    [InlineData("\\\\$missing", "\\\\$missing")]
    [InlineData("\\$price[USD] \\${name", "\\$price[USD] \\${name")]
    [InlineData("\\#if", "#if")]
    [InlineData("\\#set($x = 1)$x", "#set(1 = 1)1")]
    [InlineData("a\\b", "a\\b")]
    public void Render_Escapes_FollowVelocity(string template, string expected)
    {
        var scope = Data();
        if (template.Contains("#set(", StringComparison.Ordinal))
        {
            scope.Set("x", 1);
        }

        Assert.Equal(expected, Render(template, scope));
    }

    [Theory]
    [InlineData("#set($x = 5)$x", "5")]
    [InlineData("#set( $x = \"a\" )$x", "a")]
    [InlineData("#{set}($x = 1)$x", "1")]
    [InlineData("#set($x = 'lit $name')$x", "lit $name")]
    [InlineData("#set($x = \"hi $name\")$x", "hi World")]
    [InlineData("#set($x = \"say \"\"hi\"\"\")$x", "say \"hi\"")]
    [InlineData("#set($x = 'it''s')$x", "it's")]
    [InlineData("#set($m = {})#set($m.k = 'v')$m.k", "v")]
    [InlineData("#set($m = {'a': 1})#set($m['b'] = 2)$m", "{a=1, b=2}")]
    [InlineData("#set($l = [1, 2])#set($l[0] = 9)$l", "[9, 2]")]
    [InlineData("#set($x = 1)#set($x = $missing)$x", "1")]
    [InlineData("#set($x = [1..3])$x", "[1, 2, 3]")]
    [InlineData("#set($x = [3..1])$x", "[3, 2, 1]")]
    [InlineData("#set($a = 2)#set($x = [$a..4])$x", "[2, 3, 4]")]
    [InlineData("#set($x = {\"k\": [1, {\"j\": true}]})$x", "{k=[1, {j=true}]}")]
    [InlineData("#set($x = 1.5)$x", "1.5")]
    [InlineData("#set($x = 2.0)$x", "2.0")]
    [InlineData("#set($x = -4)$x", "-4")]
    [InlineData("#set($x = 3000000000)$x", "3000000000")]
    public void Render_Set_AssignsValues(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("#set($x = 7 / 2)$x", "3")]
    [InlineData("#set($x = -7 / 2)$x", "-3")]
    [InlineData("#set($x = 7 % 3)$x", "1")]
    [InlineData("#set($x = -7 % 3)$x", "-1")]
    [InlineData("#set($x = 7.0 / 2)$x", "3.5")]
    [InlineData("#set($x = 2 * 3 + 4)$x", "10")]
    [InlineData("#set($x = 2 * (3 + 4))$x", "14")]
    [InlineData("#set($x = 10 - 2 - 3)$x", "5")]
    [InlineData("#set($x = 2147483647 + 1)$x", "2147483648")]
    [InlineData("#set($x = 9223372036854775807 + 1)$x", "-9223372036854775808")]
    [InlineData("#set($x = 0.1 + 0.2)$x", "0.30000000000000004")]
    [InlineData("#set($x = 1.0 * 10000000)$x", "1.0E7")]
    [InlineData("#set($x = 1.0 / 10000)$x", "1.0E-4")]
    [InlineData("#set($x = 1 / 0)$x", "$x")]
    [InlineData("#set($x = \"a\" + 1)$x", "a1")]
    [InlineData("#set($x = 1 + \"a\")$x", "1a")]
    [InlineData("#set($x = $n + 1)$x", "4")]
    [InlineData("#set($x = -$n)$x", "-3")]
    public void Render_Arithmetic_HasJavaSemantics(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("#if($n == 3)y#end", "y")]
    [InlineData("#if($n eq 3)y#end", "y")]
    [InlineData("#if($n != 3)y#else n#end", " n")]
    [InlineData("#if($n ne 3)y#{else}n#{end}", "n")]
    [InlineData("#if($n < 4 && $n > 2)y#end", "y")]
    [InlineData("#if($n lt 4 and $n gt 2)y#end", "y")]
    [InlineData("#if($n <= 3 || false)y#end", "y")]
    [InlineData("#if($n le 2 or $n ge 3)y#end", "y")]
    [InlineData("#if(!$missing)y#end", "y")]
    [InlineData("#if(not $missing)y#end", "y")]
    [InlineData("#if($empty)y#end", "y")]
    [InlineData("#if($nothing)y#else n#end", " n")]
    [InlineData("#if($n == 1)a#elseif($n == 3)b#else c#end", "b")]
    [InlineData("#if($n == 1)a#elseif($n == 2)b#else c#end", " c")]
    [InlineData("#if($name == \"World\")y#end", "y")]
    [InlineData("#if($n == \"3\")y#end", "y")]
    [InlineData("#if($n == 3.0)y#end", "y")]
    [InlineData("#if($list == [1, \"x\", true])y#end", "y")]
    [InlineData("#if ($n == 3) y #end", " y ")]
    public void Render_If_EvaluatesConditions(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("#foreach($i in $list)$i,#end", "1,x,true,")]
    [InlineData("#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end", "1,2,3")]
    [InlineData("#foreach($i in $map)$i;#end", "1;two;")]
    [InlineData("#foreach($k in $map.keySet())$k=$map.get($k)#if($foreach.hasNext)&#end#end", "a=1&b=two")]
    [InlineData("#foreach($e in $map.entrySet())$e.key:$e.value #end", "a:1 b:two ")]
    [InlineData("#foreach($i in [5, 6])$foreach.index/$foreach.count/$velocityCount #end", "0/1/1 1/2/2 ")]
    [InlineData("#foreach($i in [1..5])#if($i == 3)#break#end$i#end", "12")]
    [InlineData("#foreach($i in [1..2])#foreach($j in [1..2])$i$j #end#end", "11 12 21 22 ")]
    [InlineData("#foreach($i in [1..2])#foreach($j in [1..2])$foreach.parent.count#end#end", "1122")]
    [InlineData("#foreach($i in $missing)x#end", "")]
    [InlineData("#set($i = 'keep')#foreach($i in [1])$i#end$i", "1keep")]
    [InlineData("#foreach($i in [])x#end", "")]
    [InlineData("$foreach.count", "$foreach.count")]
    [InlineData("#foreach($i in [1..3])#if($foreach.first)[#end$i#if($foreach.last)]#end#end", "[123]")]
    [InlineData("#foreach($i in [1..3])$i#if($velocityHasNext)-#end#end", "1-2-3")]
    public void Render_Foreach_Iterates(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("a#stop b", "a")]
    [InlineData("#foreach($i in [1..3])$i#if($i == 2)#stop#end#end tail", "12")]
    [InlineData("#define($d)hi $name#end$d $d", "hi World hi World")]
    [InlineData("#define($d)v=$v#end#set($v = 1)$d #set($v = 2)$d", "v=1 v=2")]
    [InlineData("#macro(tag $t $v)<$t>$v</$t>#end#tag('b' $name)#tag(\"i\", 3)", "<b>World</b><i>3</i>")]
    [InlineData("#unknown(1) #fff", "#unknown(1) #fff")]
    [InlineData("#later(1)#macro(later $a)x#end#later(1)", "#later(1)x")]
    [InlineData("a ## comment\nb", "a b")]
    [InlineData("a #* block\ncomment *#b", "a b")]
    [InlineData("#[[ $name #if( ]]#", " $name #if( ")]
    [InlineData("$map[note] and $name", "{a=1, b=two}[note] and World")]
    [InlineData("#color(red blue and $name", "#color(red blue and World")]
    public void Render_Directives_Work(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("a\n#set($x = 1)\nb$x\n", "a\nb1\n")]
    [InlineData("#if(true)\nyes\n#end\n", "yes\n")]
    [InlineData("#foreach($i in [1..2])\n$i\n#end\n", "1\n2\n")]
    [InlineData("  #if(true)  \n  x\n  #end  \nz", "    x\n  z")]
    [InlineData("#if(true)x#end\ny", "xy")]
    [InlineData("#if(false)x#else\ny\n#end", "y\n")]
    [InlineData("a\r\n#set($x = 1)\r\nb", "a\r\nb")]
    public void Render_DirectiveLines_EmitNoNewline(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Fact]
    public void Render_SameScopeTwice_SetDoesNotLeakBetweenRenders()
    {
        var template = Compile("$!x#set($x = 'set')");
        var scope = new VtlScope();
        Assert.Equal(string.Empty, template.Render(scope, VtlLimits.Default).Output);
        Assert.Equal(string.Empty, template.Render(scope, VtlLimits.Default).Output);
        Assert.False(scope.TryGet("x", out _));
    }

    [Fact]
    public async Task Render_Concurrently_IsIsolated()
    {
        var template = Compile("#set($s = '')#foreach($i in [1..50])#set($s = \"$s$v\")#end$s.length()");
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            template.Render(new VtlScope().Set("v", new string('a', i + 1)), VtlLimits.Default).Output)).ToArray();
        var outputs = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (50 * (i + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture)), outputs);
    }

    [Fact]
    public void Render_HostObjectThrows_ReturnsErrorNotException()
    {
        var scope = new VtlScope().Set("host", new ThrowingHost());
        foreach (var template in new[] { "$host.prop", "$host.call()", "#set($host.x = 1)" })
        {
            var result = Compile("ok " + template).Render(scope, VtlLimits.Default);
            Assert.NotNull(result.Error);
            Assert.DoesNotContain("secret", result.Error!.Message, StringComparison.Ordinal);
            Assert.Equal("ok ", result.Output);
        }
    }

    [Fact]
    public void Render_ForeignDotNetObject_RendersNothingAndExposesNoMembers()
    {
        var scope = new VtlScope().Set("o", new Uri("https://example.com/secret"));
        Assert.Equal("[] [$o.Host] [$o.getHost()] [$o.toString()]", Render("[$o] [$o.Host] [$o.getHost()] [$o.toString()]", scope));
    }

    private sealed class ThrowingHost : IVtlObject
    {
        public bool TryGetProperty(string name, out object? value) => throw new InvalidOperationException("secret");

        public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result) => throw new InvalidOperationException("secret");

        public bool TrySetProperty(string name, object? value) => throw new InvalidOperationException("secret");
    }
}
