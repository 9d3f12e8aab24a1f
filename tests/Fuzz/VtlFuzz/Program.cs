using System.Diagnostics;
using System.Globalization;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;

namespace Lakegate.Fuzz.Vtl;

/// <summary>
/// Throws random and mutated templates at the VTL parser and renderer for a fixed time and fails on
/// the first exception that escapes Parse/Render, any single template that takes far longer than
/// the render limit (a hang), or a managed heap that keeps growing. Deterministic per seed: a crash
/// that kills the process (stack overflow) is replayed with the same seed and --trace.
/// Usage: dotnet run -c Release --project tests/Fuzz/VtlFuzz -- [--minutes 10] [--seed 1] [--trace FILE]
/// </summary>
internal static class Program
{
    private static readonly string[] Corpus =
    [
        "#set($a = 1)$a",
        "#foreach($x in [1..5])$x#if($foreach.hasNext),#end#end",
        "{\"k\": $input.json('$.a'), \"p\": \"$input.path('$.b[0].c')\"}",
        "#set($m = {\"a\": [1, 2, {\"b\": 'c'}]})$m.a[2].b $m.get('a').size()",
        "#if($input.params('q') == 'x')yes#elseif($input.params('q') != '')maybe#else no#end",
        "$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\", \"'\")",
        "#define($block)inner $velocityCount#end$block",
        "## comment\n#* block *#$!missing ${input.body} \\$escaped",
        "#foreach($h in $input.params().header.keySet())\"$h\": \"$util.escapeJavaScript($input.params().header.get($h))\"#if($foreach.hasNext),#end#end",
        "#set($s = \"a${input.params('id')}b\")#set($n = 7 / 2 + 10 % 3 * -1)$s $n",
        "$util.urlEncode('a b&c')$util.base64Encode('x')$util.parseJson('{\"a\":1}').a",
        "#set($context.responseOverride.status = 400)#stop after",
        "#foreach($i in [1..3])#foreach($j in [1..3])$i$j#if($j == 2)#break#end#end#end",
        "#[[ $not #parsed ]]# done",
    ];

    private static readonly string[] Tokens =
    [
        "$", "$!", "${", "}", "(", ")", "[", "]", "{", "}", ".", ",", ":", "'", "\"", "\\", "#", "##", "#*", "*#",
        "#set(", "#if(", "#elseif(", "#else", "#end", "#foreach(", " in ", "#break", "#stop", "#define(", "#macro(",
        "[1..", "..", "==", "!=", "&&", "||", "!", "+", "-", "*", "/", "%", "<", ">", "=", " ", "\n",
        "$input", ".json('$.a')", ".path('$')", ".params()", "$util", ".escapeJavaScript(", "$context", ".requestId",
        "$foreach", ".hasNext", "$velocityCount", "a", "b", "1", "0", "-1", "2147483647", "9999999999", "1.5", "true", "null",
        "\u00e9", "\ud83d\ude00", "\u0000",
    ];

    public static int Main(string[] args)
    {
        var minutes = double.Parse(Option(args, "--minutes") ?? "10", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var trace = Option(args, "--trace");
        var random = new Random(seed);
        var limits = VtlLimits.Default with { MaxDuration = TimeSpan.FromMilliseconds(200) };
        var scope = ApiGatewayScope.Create(SampleRequest(), new FuzzContext(), new Dictionary<string, string> { ["v"] = "1" });

        var deadline = Stopwatch.StartNew();
        long iterations = 0, parsed = 0, rendered = 0, renderErrors = 0;
        double slowestMs = 0;
        long peakHeap = 0;
        var lastCheck = Stopwatch.StartNew();
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        using var traceWriter = trace is null ? null : new StreamWriter(trace);

        while (deadline.Elapsed.TotalMinutes < minutes)
        {
            var template = random.Next(3) == 0 ? RandomTemplate(random) : Mutate(random, Corpus[random.Next(Corpus.Length)]);
            traceWriter?.WriteLine(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(template)));
            traceWriter?.Flush();
            iterations++;
            var clock = Stopwatch.StartNew();
            try
            {
                var result = VtlTemplate.Parse(template, "fuzz");
                if (result.Template is not null)
                {
                    parsed++;
                    var output = result.Template.Render(scope, limits);
                    rendered++;
                    if (output.Error is not null)
                    {
                        renderErrors++;
                    }
                }
            }
            catch (Exception ex)
            {
                return Fail($"exception escaped: {ex.GetType().Name}: {ex.Message}", template);
            }

            var ms = clock.Elapsed.TotalMilliseconds;
            slowestMs = Math.Max(slowestMs, ms);
            if (ms > 5_000)
            {
                return Fail($"one template took {ms:0} ms (render limit {limits.MaxDuration.TotalMilliseconds} ms)", template);
            }

            if (lastCheck.Elapsed > TimeSpan.FromSeconds(10))
            {
                lastCheck.Restart();
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                peakHeap = Math.Max(peakHeap, heap);
                if (heap - baselineHeap > 512L * 1024 * 1024)
                {
                    return Fail($"managed heap grew by {(heap - baselineHeap) / 1024 / 1024} MiB", template);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{deadline.Elapsed:mm\\:ss} {iterations} templates, {parsed} parsed, {rendered} rendered ({renderErrors} with render errors), slowest {slowestMs:0.0} ms, heap {heap / 1024 / 1024} MiB"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PASS seed {seed}: {iterations} templates in {deadline.Elapsed.TotalMinutes:0.0} min, {parsed} parsed, {rendered} rendered ({renderErrors} with render errors), slowest {slowestMs:0.0} ms, peak heap {peakHeap / 1024 / 1024} MiB"));
        return 0;
    }

    private static string RandomTemplate(Random random)
    {
        var builder = new System.Text.StringBuilder();
        var length = random.Next(1, 60);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Tokens[random.Next(Tokens.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random, string template)
    {
        var text = template;
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits && text.Length > 0; e++)
        {
            var at = random.Next(text.Length);
            text = random.Next(5) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at)),
                1 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
                2 => text.Insert(at, text[at..Math.Min(text.Length, at + random.Next(1, 20))]),
                3 => text.Insert(at, Corpus[random.Next(Corpus.Length)]),
                _ => string.Concat(Enumerable.Repeat(text, random.Next(2, 4))),
            };
        }

        return text.Length > 20_000 ? text[..20_000] : text;
    }

    private static int Fail(string why, string template)
    {
        var file = Path.Combine(Path.GetTempPath(), "vtl-fuzz-failure-" + Guid.NewGuid().ToString("N") + ".vtl");
        File.WriteAllText(file, template);
        Console.Error.WriteLine($"FAIL: {why}; template saved to {file}");
        return 1;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static ApiGatewayRequest SampleRequest() => new(
        """{"a": [1, {"b": "c"}], "b": [{"c": "d"}], "s": "x'y\"z"}""",
        new Dictionary<string, string> { ["id"] = "42" },
        new Dictionary<string, string> { ["q"] = "x" },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = "application/json", ["X-Quote"] = "it's \"quoted\"" },
        new Dictionary<string, IReadOnlyList<string>> { ["q"] = ["x"] },
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = ["application/json"] });

    /// <summary>A writable $context, so overrides are exercised too.</summary>
    private sealed class FuzzContext : IVtlObject
    {
        private readonly VtlMap _override = [];

        public bool TryGetProperty(string name, out object? value)
        {
            value = name switch
            {
                "requestId" => "r-1",
                "responseOverride" or "requestOverride" => _override,
                _ => null,
            };
            return true;
        }

        public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
        {
            result = null;
            return false;
        }

        public bool TrySetProperty(string name, object? value) => false;
    }
}
