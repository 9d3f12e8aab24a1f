using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Core.Vtl;

namespace Lakegate.Core.Tests.Vtl;

/// <summary>
/// Renders plain VTL (literal data only, no $input/$util) with Lakegate and with velocityjs 2.1.7
/// (tests/conformance/vtl/render.mjs) and compares. Cases where Java Velocity, which API Gateway
/// runs, and JavaScript differ are listed with the output Lakegate must give and why.
/// </summary>
public sealed class VtlDifferentialTests
{
    private const string Data = """
        {"name": "World", "n": 3, "neg": -4, "f": 2.5, "t": true, "no": false, "s": "Hello, World", "empty": "",
         "list": [1, "x", true], "nums": [3, 1, 2], "map": {"a": 1, "b": "two"},
         "people": [{"name": "Ann", "age": 31}, {"name": "Bob", "age": 17}], "nested": {"in": {"deep": "yes"}}}
        """;

    /// <summary>Template, then null when both engines must agree, else Lakegate's expected output and the reason.</summary>
    public static TheoryData<string, string?, string?> Cases => new()
    {
        { "Hello $name!", null, null },
        { "${name}s and $!{name}", null, null },
        { "[$!missing] [$missing] [${missing}]", null, null },
        { "$map.a $map.b $map.c", null, null },
        { "$nested.in.deep $nested['in']['deep']", null, null },
        { "$list[0] $list[1] $map['b']", null, null },
        { "$name. $name, $name!", null, null },
        { "$list", null, null },
        { "$map", null, null },
        { "#set($x = 5)$x", null, null },
        { "#set($x = \"hi $name\")$x", null, null },
        { "#set($x = 'hi $name')$x", null, null },
        { "#set($m = {\"k\": 1, \"j\": [1, 2]})$m $m.k $m.j", null, null },
        { "#set($m = {})#set($m.k = 'v')$m.k", null, null },
        { "#set($r = [1..4])$r", null, null },
        { "#set($r = [4..1])$r", null, null },
        { "#set($x = 2 * 3 + 4 - 1)$x", null, null },
        { "#set($x = 2 * (3 + 4))$x", null, null },
        { "#set($x = 10 % 4)$x", null, null },
        { "#set($x = $n + 1)$x", null, null },
        { "#set($x = \"a\" + 1)$x #set($y = 1 + \"a\")$y", null, null },
        { "#if($n == 3)yes#end", null, null },
        { "#if($n eq 3 && $t)yes#end", null, null },
        { "#if($n != 3)a#elseif($n > 2)b#else c#end", null, null },
        { "#if($n lt 4 and $n gt 2)yes#end", null, null },
        { "#if($no || !$t)a#else b#end", null, null },
        { "#if(!$missing)none#end", null, null },
        { "#if(not $missing)none#end", null, null },
        { "#if($name == \"World\")w#end", null, null },
        { "#if($n >= 3 && $n <= 3)eq#end", null, null },
        { "#foreach($i in $list)$i,#end", null, null },
        { "#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end", null, null },
        { "#foreach($p in $people)$p.name=$p.age;#end", null, null },
        { "#foreach($i in [5, 6])$velocityCount/$foreach.count/$foreach.index #end", null, null },
        { "#foreach($i in [1..2])#foreach($j in [1..2])$i$j #end#end", null, null },
        { "#foreach($i in $missing)x#end.", null, null },
        { "#define($d)Hi $name#end$d!", null, null },
        { "#foreach($p in $people)#foreach($k in ['name', 'age'])$k#if($foreach.hasNext)/#end#end;#end", null, null },
        { "#foreach($p in $people)#if($p.age > 18)$p.name is an adult#else$p.name is a minor#end #end", null, null },
        { "#foreach($i in [1..3])#foreach($j in [1..$i])*#end|#end", null, null },
        { "#set($total = 0)#foreach($i in $nums)#set($total = $total + $i)#end$total", null, null },
        { "#set($out = [])#foreach($p in $people)#set($ignore = $out.add($p.name))#end$out", null, null },
        { "#foreach($k in $map.keySet())$k=$map.get($k);#end", null, null },
        { "#foreach($e in $map.entrySet())$e.key:$e.value #end", null, null },
        { "#set($m = {\"a\": {\"b\": {\"c\": \"deep\"}}})$m.a.b.c", null, null },
        { "#set($m = {\"list\": [1, [2, 3]]})$m.list[1][0]", null, null },
        { "#set($m = {'k': 'v'})$m.k $m['k'] $m.get('k')", null, null },
        { "#set($m = {\"x\": 1})#set($m.y = 2)$m.x$m.y", null, null },
        { "#set($m = {})$m.isEmpty() #set($m.a = 1)$m.isEmpty() $m.size()", "true false 1", "Java List/Map method that velocityjs does not implement (it renders the reference literally); API Gateway runs Java" },
        { "$map.containsKey('a') $map.containsKey('zz')", "true false", "Java List/Map method that velocityjs does not implement (it renders the reference literally); API Gateway runs Java" },
        { "$map.keySet() $map.values()", "[a, b] [1, two]", "Java List/Map method that velocityjs does not implement (it renders the reference literally); API Gateway runs Java" },
        { "$list.size() $people.size() $nums.get(0)", null, null },
        { "$list.contains('x') $nums.isEmpty()", "true false", "Java List/Map method that velocityjs does not implement (it renders the reference literally); API Gateway runs Java" },
        { "$name.toUpperCase() $name.toLowerCase()", null, null },
        { "$s.substring(7) $s.substring(0, 5)", null, null },
        { "$s.indexOf('World') $s.indexOf('zz')", null, null },
        { "$s.startsWith('Hello') $s.endsWith('World') $s.endsWith('x')", null, null },
        { "#set($p = '  pad  ')[$p.trim()]", null, null },
        { "$s.toUpperCase().toLowerCase()", null, null },
        { "'single' \"double\" `back`", null, null },
        { "\"$name\" '$name'", null, null },
        { "{\"key\": \"$name\", \"n\": $n, \"t\": $t}", null, null },
        { "Unicode: é ü ß 中文 😀 $name", null, null },
        { "#set($u = 'ümlaut')$u $u.toUpperCase()", null, null },
        { "emoji 😀 and $!missing and ${name}", null, null },
        { "$!{missing}|$!missing|$missing.prop|$!missing.prop", null, null },
        { "#if($missing)a#else b#end #if($missing.prop)c#else d#end", null, null },
        { "#set($x = $missing)#if($x)set#else unset#end", null, null },
        { "$map.missingKey|$!map.missingKey", null, null },
        { "$people[0].name $people[1].age", null, null },
        { "$people.get(1).name", null, null },
        { "#set($i = 1)$people[$i].name", null, null },
        { "#set($a = 1)#set($b = 2)#if($a < $b)lt#end#if($a == 1 && $b == 2)both#end", null, null },
        { "#if($n > 1)#if($n > 2)#if($n > 3)4#else 3#end#end#end", null, null },
        { "#if($t)#if($no)x#elseif($t)y#end#end", null, null },
        { "#if($empty == '')empty#end", null, null },
        { "#if($name != 'x' || $n == 0)or#end", null, null },
        { "#set($x = $n * $n * $n)$x", null, null },
        { "#set($x = 7 - 10)$x", null, null },
        { "#set($x = $f + 1)$x", null, null },
        { "#set($x = 1000000 * 1000)$x", null, null },
        { "#set($s2 = \"$name-$n\")$s2", null, null },
        { "#set($s2 = \"${name}s\")$s2", null, null },
        { "#set($s2 = \"list: $list\")$s2", null, null },
        { "line1\nline2\n#set($x = 1)\nline3 $x\n", null, null },
        { "  #if($t)\n  indented\n  #end\n", null, null },
        { "#foreach($i in [1..2])\n  item $i\n#end\n", null, null },
        { "a ## comment\nb #* block\ncomment *# c", null, null },
        { "\\$name \\#if", null, null },
        { "#[[#if($x) $raw]]#", null, null },
        { "price: $5.00 and #notadirective", null, null },
        { "$name$name$name", null, null },
        { "#set($d = $map)#set($d.c = 3)$map.c", null, null },
        { "#macro(tag $t $v)<$t>$v</$t>#end#tag('b' $name)", null, null },
        { "a ## comment\nb", null, null },
        { "a #* block\ncomment *#b", null, null },
        { "#[[ $name #if( ]]#", null, null },
        { "\\$name \\#if", null, null },
        { "a\n#set($x = 1)\nb$x\n", null, null },
        { "#if(true)\nyes\n#end\nafter", null, null },
        { "#foreach($i in [1..2])\n  $i\n#end\n", null, null },
        { "  #if(true)  \n  x\n  #end  \nz", null, null },
        { "#if(true)x#end\ny", null, null },
        { "$s.toUpperCase() $s.substring(7) $s.indexOf('o') $s.startsWith('Hell') $s.endsWith('d')", null, null },
        { "#if($t)y#{else}n#{end}", null, null },
        { "#foreach($i in [1..5])$i#if($i == 3)#break#end#end", null, null },
        { "$list.size() $map.size() $map.get('b') $map.keySet()", null, null },
        { "$name-suffix $name_x", null, null },
        { "#set($a = 1)  \n$a", null, null },
        { "#foreach($i in [1..2])$i #end\nend", null, null },
        { "#macro(m)\nbody\n#end\n#m()\n#m()\n", null, null },
        { "${list[0]} $!{map.b}", null, null },
        { "#if($n > 2)big#{end}x", null, null },
        { "$map.b.toUpperCase()", null, null },
        { "#set($s = \"\")#foreach($i in [1..3])#set($s = \"$s$i\")#end$s", null, null },
        { "#set($x = $list.size() > 2)$x", null, null },
        { "$list.get(1) $nums", null, null },
        { "#set($a = $neg * -1)$a", null, null },
        { "#foreach($k in $map.keySet())$k#end", null, null },
        { "#if($map.a == 1 && $map.b == 'two')both#end", null, null },
        { "#set( $x = 'a' )#set( $y = \"${x}b\" )$y", null, null },
        { "$name.substring(0, 1)$name.substring(1).toLowerCase()", null, null },
        { "#if ( $n == 3 ) spaced #end", null, null },
        { "Price: $5.00 #notadirective", null, null },
        { "#if(false)a\n#elseif(true)\nb\n#end\n", null, null },
        { "[\n#foreach($i in [1..3])\n  \"$i\"#if($foreach.hasNext),#end\n#end\n]", null, null },
        { "#set($m = {})\n#set($m.x = 1)\n$m.x\n", null, null },
        { "{\n  #set($v = 'a')\n  \"k\": \"$v\"\n}", null, null },
        { "x ## trailing\ny #* inline *# z", null, null },
        { "$name ## comment at end", null, null },
        { "#if($t)\n  #if($n == 3)\n    deep\n  #end\n#end\n", null, null },
        { "#foreach($p in $people)\n#if($p.age >= 18)$p.name is adult\n#else\n$p.name is minor\n#end\n#end", null, null },
        { "#set($list2 = [\"a\", 'b', $n, $t, 1.5])$list2.size()", null, null },
        { "$map.get('zz') $!map.get('zz')", null, null },
        { "#set($x = \"$map.a-$map.b\")$x", null, null },
        { "#set($x = 'x')#set($y = \"${x}y ${x}\")$y", null, null },
        { "$!{nested.in.deep}|$!nested.missing.deep|", null, null },

        // Java vs JavaScript: documented divergences (Lakegate follows Java Velocity, as API Gateway runs it).
        { "#set($x = 7 / 2)$x", "3", "Java integer division truncates; JavaScript divides to 3.5" },
        { "#set($x = -7 / 2)$x", "-3", "Java integer division truncates toward zero" },
        { "#set($x = 1.0)$x #set($y = 6.0 / 3)$y", "1.0 2.0", "Java prints a double with '.0'; JavaScript has one number type" },
        { "$s.length() $name.isEmpty()", "12 false", "Java String methods; JavaScript strings have a length property, no length()" },
        { "a#stop b", "a", "velocityjs leaves #stop as text; Velocity ends the render" },
        { "\\$missing", "\\$missing", "Velocity 1.7 keeps the backslash of an escaped reference that is not defined" },
        { "#set($x = 1)#set($x = $missing)$x", "1", "Velocity 1.7 leaves the target unchanged when the right-hand side is null" },
        { "#if($empty)e#end", "e", "Velocity 1.7: an empty string is true (only null and false are false)" },
        { "#set($x = $f * 2)$x", "5.0", "Java double arithmetic stays double and prints 5.0" },
        { "$s.replace('l', 'L')", "HeLLo, WorLd", "Java String.replace replaces every occurrence; JavaScript's only the first" },
        { "$s.contains('World')", "true", "Java String.contains; JavaScript strings have includes() instead" },
        { "#foreach($i in [1..5])#if($i == 3)#break#end$i#end", "12", "Velocity's #break leaves the #foreach at once; velocityjs finishes the current iteration" },
        { "#{if}($t)y#{else}n#{end}", "y", "velocityjs cannot parse the braced #{if}; Velocity can" },
        { "#set($l = [])#set($d = $l.add(1))$l $d", "[1] true", "Java List.add returns true; velocityjs returns the new length" },
        { "#set($x = \"a\\\"b\")$x", "a\\\"b", "Velocity keeps backslashes in string literals as written (which is why \"\\\\'\" works as a regex); velocityjs unescapes \\\"" },
        { "#set($x = \"say \"\"hi\"\"\")$x", "say \"hi\"", "Velocity 1.7 reads a doubled quote as one quote; velocityjs cannot parse it" },
        { "#set($x = 2147483647 + 1)$x", "2147483648", "identical; kept here to pin Java MathUtils widening int to long" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_SameAsVelocityjs_OrDocumentedDivergence(string template, string? expected, string? reason)
    {
        var index = Templates.IndexOf(template);
        var reference = ReferenceOutputs.Value[index];
        var lakegate = RenderWithLakegate(template);
        if (expected is null)
        {
            Assert.True(reference.Error is null, $"velocityjs failed on {template}: {reference.Error}");
            Assert.Equal(reference.Output, lakegate);
            return;
        }

        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(expected, lakegate);
    }

    [Fact]
    public void Divergences_AreRealDifferencesFromVelocityjs()
    {
        foreach (var row in Cases)
        {
            var (template, expected, reason) = ((string)row[0], (string?)row[1], (string?)row[2]);
            if (expected is null || reason!.StartsWith("identical", StringComparison.Ordinal))
            {
                continue;
            }

            var reference = ReferenceOutputs.Value[Templates.IndexOf(template)];
            Assert.True(reference.Output != expected, $"'{template}' is listed as a divergence but velocityjs agrees; move it to the identical cases");
        }
    }

    private static readonly List<string> Templates = [.. Cases.Select(row => (string)row[0])];

    private static readonly Lazy<IReadOnlyList<(string? Output, string? Error)>> ReferenceOutputs = new(RunVelocityjs);

    private static string RenderWithLakegate(string template)
    {
        var parsed = VtlTemplate.Parse(template, "differential");
        Assert.True(parsed.Template is not null, string.Join("; ", parsed.Errors));
        var scope = new VtlScope();
        foreach (var property in JsonDocument.Parse(Data).RootElement.EnumerateObject())
        {
            scope.Set(property.Name, JavaValue(property.Value));
        }

        var result = parsed.Template!.Render(scope, VtlLimits.Default);
        Assert.True(result.Error is null, result.Error?.ToString());
        return result.Output;
    }

    /// <summary>Literal data as a template would build it: Java-style maps and lists.</summary>
    private static object? JavaValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new VtlMap(), (map, p) =>
        {
            map[p.Name] = JavaValue(p.Value);
            return map;
        }),
        JsonValueKind.Array => new VtlList(element.EnumerateArray().Select(JavaValue)),
        _ => VtlJson.FromJson(element),
    };

    private static IReadOnlyList<(string? Output, string? Error)> RunVelocityjs()
    {
        var root = RepositoryRoot();
        var conformance = Path.Combine(root, "tests", "conformance", "vtl");
        if (!Directory.Exists(Path.Combine(conformance, "node_modules", "velocityjs")))
        {
            Assert.Fail($"velocityjs is not installed in {conformance}: run ./scripts/test, which runs 'npm ci --prefix tests/conformance/vtl'.");
        }

        var context = JsonNode.Parse(Data);
        var input = new JsonArray([.. Templates.Select(t => (JsonNode)new JsonObject { ["template"] = t, ["context"] = context!.DeepClone() })]);
        var start = new ProcessStartInfo("node", [Path.Combine(conformance, "render.mjs")])
        {
            WorkingDirectory = conformance,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? started = null;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"could not run node ({e.Message}): install Node.js and run ./scripts/test, which runs 'npm ci --prefix tests/conformance/vtl'.");
        }

        using var process = started ?? throw new InvalidOperationException("could not start node");
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node render.mjs did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, "node render.mjs failed: " + stderr.Result);
        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        return [.. results.Select(r => ((string?)r!["output"], (string?)r["error"]))];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakegate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lakegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
