using Lakegate.Core.Vtl;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

public sealed class VtlMethodsTests
{
    private static VtlScope Data() => new VtlScope()
        .Set("s", "Hello, World")
        .Set("csv", "a,b,,c,,")
        .Set("pad", "  x \t")
        .Set("q", "it's")
        .Set("list", new VtlList { "a", "b", 3 })
        .Set("map", new VtlMap { ["a"] = 1, ["b"] = "two" });

    [Theory]
    [InlineData("$s.length()", "12")]
    [InlineData("$s.toLowerCase() $s.toUpperCase()", "hello, world HELLO, WORLD")]
    [InlineData("[$pad.trim()]", "[x]")]
    [InlineData("$s.substring(7) $s.substring(0, 5)", "World Hello")]
    [InlineData("$s.indexOf('o') $s.indexOf('o', 5) $s.lastIndexOf('o') $s.indexOf('zz')", "4 8 8 -1")]
    [InlineData("$s.contains('World') $s.startsWith('Hell') $s.endsWith('d') $s.startsWith('World', 7)", "true true true true")]
    [InlineData("$s.equals('Hello, World') $s.equalsIgnoreCase('hello, world') $s.equals(1)", "true true false")]
    [InlineData("$s.isEmpty() $s.charAt(1) $s.concat('!') $s.toString()", "false e Hello, World! Hello, World")]
    [InlineData("$s.replace('l', 'L')", "HeLLo, WorLd")]
    [InlineData("$s.replace('', '-')", "-H-e-l-l-o-,- -W-o-r-l-d-")]
    [InlineData("$s.replaceAll('[aeiou]', '*')", "H*ll*, W*rld")]
    [InlineData("$s.replaceAll('(\\w+), (\\w+)', '$2 $1')", "World Hello")]
    [InlineData("$s.replaceAll('o', '\\$')", "Hell$, W$rld")]
    [InlineData("$s.replaceFirst('l+', 'L')", "HeLo, World")]
    [InlineData("$s.matches('H.*d') $s.matches('ello')", "true false")]
    [InlineData("$csv.split(',')", "[a, b, , c]")]
    [InlineData("$csv.split(',').size()", "4")]
    [InlineData("$s.split('')", "[H, e, l, l, o, ,,  , W, o, r, l, d]")]
    [InlineData("$q.replaceAll(\"'\", \"\\\\'\")", "it\\'s")]
    [InlineData("$s.foo()", "$s.foo()")]
    [InlineData("$s.getClass()", "$s.getClass()")]
    public void Invoke_StringMethods_MatchJava(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("$list.size() $list.get(0) $list.isEmpty() $list.contains('b') $list.contains(3) $list.indexOf('b')", "3 a false true true 1")]
    [InlineData("#set($d = $list.add('z'))$d $list", "true [a, b, 3, z]")]
    [InlineData("#set($d = $list.remove(0))$d $list", "a [b, 3]")]
    [InlineData("#set($d = $list.remove('b'))$d $list", "true [a, 3]")]
    [InlineData("$list.toString()", "[a, b, 3]")]
    [InlineData("$map.get('a') $map.size() $map.isEmpty() $map.containsKey('b') $map.containsKey('z')", "1 2 false true false")]
    [InlineData("#set($d = $map.put('c', 3))$map $map.keySet() $map.values()", "{a=1, b=two, c=3} [a, b, c] [1, two, 3]")]
    [InlineData("#set($d = $map.remove('a'))$d $map", "1 {b=two}")]
    [InlineData("#foreach($e in $map.entrySet())$e.getKey()=$e.getValue();#end", "a=1;b=two;")]
    [InlineData("$map.toString()", "{a=1, b=two}")]
    [InlineData("#set($n = 5)$n.intValue() $n.doubleValue() $n.longValue() $n.equals(5)", "5 5.0 5 true")]
    [InlineData("#set($b = true)$b.toString()", "true")]
    public void Invoke_CollectionAndNumberMethods_MatchJava(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Data()));
    }

    [Theory]
    [InlineData("$s.substring(50)")]
    [InlineData("$s.charAt(-1)")]
    [InlineData("$list.get(9)")]
    [InlineData("$s.replaceAll('(', 'x')")]
    [InlineData("$s.replaceAll('o', '$x')")]
    public void Invoke_JavaException_FailsRenderWithPosition(string template)
    {
        var result = RenderResult("line one\n  " + template, Data());
        Assert.NotNull(result.Error);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal("line one\n  ", result.Output);
    }
}
