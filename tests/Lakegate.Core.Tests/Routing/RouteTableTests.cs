using Lakegate.Core.Routing;

namespace Lakegate.Core.Tests.Routing;

public sealed class RouteTableTests
{
    private static RouteTable<string> Rest(params string[] keys) => Build(RouteTableMode.Rest, keys);

    private static RouteTable<string> Build(RouteTableMode mode, params string[] keys) =>
        RouteTable<string>.Build(keys.Select(k =>
        {
            if (k == "$default")
            {
                return ("ANY", "$default", k);
            }

            var space = k.IndexOf(' ');
            return (k[..space], k[(space + 1)..], k);
        }), mode);

    private static RouteMatch<string> Match(RouteTable<string> table, string method, string path)
    {
        Assert.True(RequestPath.TrySplit(path, out var segments));
        return table.Match(method, segments);
    }

    [Theory]
    [InlineData("GET", "/a/b", "GET /a/b")]
    [InlineData("GET", "/a/x", "GET /a/{p}")]
    [InlineData("GET", "/a/x/y", "ANY /a/{proxy+}")]
    [InlineData("GET", "/a/b/c", "GET /a/b/c")]
    [InlineData("GET", "/a/b/d", "GET /a/{p}/d")]
    [InlineData("PUT", "/a/b", "ANY /a/b")]
    [InlineData("GET", "/", "GET /")]
    [InlineData("GET", "/z", "ANY /{root+}")]
    public void Match_Rest_LiteralBeatsParameterBeatsGreedy(string method, string path, string expected)
    {
        var table = Rest("GET /a/b", "ANY /a/b", "GET /a/{p}", "GET /a/b/c", "GET /a/{p}/d", "ANY /a/{proxy+}", "GET /", "ANY /{root+}");
        var match = Match(table, method, path);
        Assert.Equal(RouteMatchKind.Matched, match.Kind);
        Assert.Equal(expected, match.Value);
    }

    [Fact]
    public void Match_Rest_BacktracksWhenTheLiteralBranchDeadEnds()
    {
        var table = Rest("GET /a/b/c", "GET /a/{p}/d");
        var match = Match(table, "GET", "/a/b/d");
        Assert.Equal("GET /a/{p}/d", match.Value);
        Assert.Equal([new KeyValuePair<string, string>("p", "b")], match.Parameters);
    }

    [Fact]
    public void Match_Rest_ResourceWithoutMethod_IsNoMethod_NotALessSpecificRoute()
    {
        var table = Rest("GET /items", "ANY /{proxy+}");
        var match = Match(table, "POST", "/items");
        Assert.Equal(RouteMatchKind.NoMethod, match.Kind);
    }

    [Fact]
    public void Match_Http_MethodAware_FallsBackToGreedyThenDefault()
    {
        var table = Build(RouteTableMode.Http, "GET /items", "POST /{proxy+}", "$default");
        Assert.Equal("POST /{proxy+}", Match(table, "POST", "/items").Value);
        Assert.Equal("$default", Match(table, "DELETE", "/items").Value);
        Assert.Equal("$default", Match(table, "DELETE", "/items").ResourcePath);
    }

    [Fact]
    public void Match_Http_WithoutDefault_IsNoResource()
    {
        var table = Build(RouteTableMode.Http, "GET /items");
        Assert.Equal(RouteMatchKind.NoResource, Match(table, "GET", "/other").Kind);
    }

    [Fact]
    public void Match_CapturesDecodedParametersAndGreedyRemainder()
    {
        var table = Rest("GET /u/{user}/files/{path+}");
        var match = Match(table, "GET", "/u/j%C3%B6rg/files/a/b%2Fc/d.txt");
        Assert.Equal(
            [new KeyValuePair<string, string>("user", "jörg"), new KeyValuePair<string, string>("path", "a/b/c/d.txt")],
            match.Parameters);
        Assert.Equal("/u/{user}/files/{path+}", match.ResourcePath);
    }

    [Fact]
    public void Match_GreedyNeedsAtLeastOneSegment()
    {
        var table = Rest("ANY /files/{proxy+}");
        Assert.Equal(RouteMatchKind.NoResource, Match(table, "GET", "/files").Kind);
        Assert.Equal(RouteMatchKind.NoResource, Match(table, "GET", "/files/").Kind);
    }

    [Fact]
    public void Match_IsCaseSensitiveOnLiterals()
    {
        var table = Rest("GET /Items");
        Assert.Equal(RouteMatchKind.NoResource, Match(table, "GET", "/items").Kind);
        Assert.Equal(RouteMatchKind.Matched, Match(table, "GET", "/Items/").Kind);
    }

    [Fact]
    public void Build_ConflictingSiblingParameterNames_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Rest("GET /a/{x}", "GET /a/{y}/b"));
    }

    [Fact]
    public void Build_DuplicateRoute_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Rest("GET /a", "GET /a/"));
    }

    [Fact]
    public void Match_RandomTables_AgreeWithBruteForce()
    {
        // Property: for random tables and paths, the trie agrees with a direct scan that ranks
        // candidate routes by (literal > param > greedy) segment by segment.
        var random = new Random(7);
        string[] words = ["a", "b", "c"];
        for (var round = 0; round < 300; round++)
        {
            var keys = new HashSet<string>();
            var parameterName = new Dictionary<string, string>();
            for (var i = 0; i < 6; i++)
            {
                var depth = random.Next(1, 4);
                var parts = new List<string>();
                for (var d = 0; d < depth; d++)
                {
                    var kind = random.Next(4);
                    var prefix = "/" + string.Join('/', parts);
                    if (kind == 3 && d == depth - 1)
                    {
                        parts.Add("{g+}");
                    }
                    else if (kind == 2)
                    {
                        parts.Add("{p" + d + "}");
                    }
                    else
                    {
                        parts.Add(words[random.Next(words.Length)]);
                    }
                }

                keys.Add("GET /" + string.Join('/', parts));
            }

            RouteTable<string> table;
            try
            {
                table = Rest([.. keys]);
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            for (var probe = 0; probe < 20; probe++)
            {
                var segments = Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)]).ToArray();
                var expected = BruteForce(keys, segments);
                var actual = table.Match("GET", segments);
                Assert.Equal(expected, actual.Kind == RouteMatchKind.Matched ? actual.Value : null);
            }
        }
    }

    private static string? BruteForce(IEnumerable<string> keys, string[] segments)
    {
        string? best = null;
        int[]? bestRank = null;
        foreach (var key in keys)
        {
            var template = RouteTemplate.Parse(key[4..]).Segments;
            var rank = new List<int>();
            var ok = true;
            for (var i = 0; i < template.Count && ok; i++)
            {
                var s = template[i];
                if (s.Kind == RouteSegmentKind.Greedy)
                {
                    ok = i < segments.Length;
                    rank.Add(2);
                    if (ok)
                    {
                        rank.AddRange(Enumerable.Repeat(2, segments.Length - i - 1));
                    }

                    break;
                }

                ok = i < segments.Length && (s.Kind == RouteSegmentKind.Parameter || s.Value == segments[i]);
                rank.Add(s.Kind == RouteSegmentKind.Literal ? 0 : 1);
                if (i == template.Count - 1)
                {
                    ok &= template.Count == segments.Length;
                }
            }

            if (!ok)
            {
                continue;
            }

            var r = rank.ToArray();
            if (bestRank is null || Compare(r, bestRank) < 0)
            {
                best = key;
                bestRank = r;
            }
        }

        return best;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
