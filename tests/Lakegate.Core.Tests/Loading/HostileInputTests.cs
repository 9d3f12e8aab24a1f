using System.Text.Json;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

/// <summary>Loading untrusted text must end in diagnostics, never in an exception.</summary>
public class HostileInputTests
{
    public static TheoryData<string, string> Samples() => new()
    {
        { "{\"a\": 1} trailing", "f.json" },
        { "[1, 2", "f.json" },
        { "   ", "f.json" },
        { "\"just a string\"", "f.json" },
        { "a: 1\n---\nb: 2\n", "f.yaml" },
        { "- just\n- a list\n", "f.yaml" },
        { "version: 1\napis: *nothing\n", "f.yaml" },
        { "? [complex, key]\n: value\n", "f.yaml" },
        { "version: 1\napis:\n  - \n", "f.yaml" },
        { "version: 1\napis: [ { id: a, routes: [ { route: GET /x, integration: [] } ] } ]\n", "f.yaml" },
        { "openapi: 3.0.1\npaths: [1, 2]\n", "f.yaml" },
        { "swagger: '2.0'\npaths:\n  /x:\n    get: 7\n    post: { x-amazon-apigateway-integration: { type: 5 } }\n", "f.yaml" },
        { new string('[', 5000), "f.yaml" },
        { new string('[', 5000), "f.json" },
        { string.Concat(Enumerable.Repeat("- ", 2000)) + "x", "f.yaml" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void LoadText_Malformed_ReportsErrorsWithoutThrowing(string text, string fileName)
    {
        var result = DefinitionLoader.LoadText(text, fileName);

        Assert.True(result.HasErrors);
        Assert.Null(result.Config);
        Assert.All(result.Errors, e => Assert.NotNull(e.Position));
    }

    [Fact]
    public void LoadText_AliasBomb_IsRefusedNotExpanded()
    {
        var yaml = "version: 1\n"
            + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 8).Select(i => $"b{i}: &b{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*b{i - 1}", 10))}]\n"))
            + "apis: [ { id: a, policy: *b8 } ]\n";

        var result = DefinitionLoader.LoadText(yaml, "bomb.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains("aliases expand to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_DeepModel_IsKeptVerbatim()
    {
        var deep = string.Concat(Enumerable.Repeat("{a: ", 100)) + "1" + new string('}', 100);
        var yaml = $"version: 1\napis:\n  - id: a\n    models: {{ Deep: {deep} }}\n";

        var result = DefinitionLoader.LoadText(yaml, "deep.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Equal(JsonValueKind.Object, result.Config!.Apis[0].Models["Deep"].ValueKind);
    }

    [Fact]
    public void LoadText_RandomMutationsOfAValidFile_NeverThrow()
    {
        var random = new Random(20261124);
        var source = LakegateConfigLoaderTests.FullExample;
        const string Alphabet = " \n\t:-{}[]\"'#&*!|>%@`,?0123456789abcxyz\\";
        for (var i = 0; i < 500; i++)
        {
            var chars = source.ToCharArray();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            var mutated = new string(chars);
            var exception = Record.Exception(() => DefinitionLoader.LoadText(mutated, "m.yaml"));
            Assert.True(exception is null, $"mutation {i} threw {exception}\n{mutated}");
        }
    }
}
