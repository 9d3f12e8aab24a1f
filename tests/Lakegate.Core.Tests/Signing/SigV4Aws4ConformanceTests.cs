using System.Text;
using System.Text.Json.Nodes;
using Lakegate.Core.Signing;

namespace Lakegate.Core.Tests.Signing;

/// <summary>
/// Random requests signed by aws4 (npm, an implementation nobody here wrote) and by Lakegate: the Authorization
/// headers and presigned signatures must be identical, Lakegate's verifier must accept what aws4 signed, and must
/// reject it once any signed part changes. Known aws4 quirks kept out of the generator: for S3 it keeps only the
/// first of repeated query keys and decodes '+' in paths as a space.
/// </summary>
public sealed class SigV4Aws4ConformanceTests
{
    private const int Count = 400;
    private static readonly string[] Services = ["dynamodb", "kinesis", "execute-api", "sqs", "s3", "states"];
    private static readonly string[] Regions = ["us-east-1", "eu-west-3", "ap-southeast-2"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
    private static readonly string[] Pieces = ["a", "Z", "09", "-", "_", ".", "~", " ", "ü", "ሴ", "😀", "+", "=", "@", ":", "!", "*", "'", "(", ")", "$", "&", ",", ";", "%", "#", "?", "[", "]", "\"", "é"];

    [Fact]
    public void SignAndVerify_RandomRequests_AgreeWithAws4()
    {
        var random = new Random(20150830);
        var cases = new List<Case>();
        var batch = new JsonArray();
        for (var i = 0; i < Count; i++)
        {
            var c = RandomCase(random, i);
            cases.Add(c);
            batch.Add(c.ToJson());
        }

        var results = Aws4Runner.Sign(batch);
        Assert.Equal(Count, results.Count);
        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var failure = Check(cases[i], results[i]!.AsObject());
            if (failure is not null)
            {
                failures.Add($"#{i} {cases[i].Service} {cases[i].Method} {cases[i].Path}: {failure}\n  aws4 canonical: {Escape((string)results[i]!["canonical"]!)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Count} disagree:\n" + string.Join("\n", failures.Take(10)));
    }

    private static string? Check(Case c, JsonObject result)
    {
        var style = c.Service == "s3" ? CanonicalUriStyle.S3 : CanonicalUriStyle.Standard;
        var scope = SigningScope.For(c.Time, c.Region, c.Service);
        var sentHeaders = result["headers"]!.AsObject()
            .Where(h => h.Key != "Authorization")
            .Select(h => new KeyValuePair<string, string>(h.Key, h.Value!.ToString()))
            .ToList();
        var (sentPath, sentQuery) = Split((string)result["path"]!);
        var bodyHash = SigV4.HashPayload(Encoding.UTF8.GetBytes(c.Body ?? ""));

        if (!c.SignQuery)
        {
            // Sign: the headers the client sends except the ones the signer itself adds.
            var own = sentHeaders.Where(h => !h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) || h.Key == "X-Amz-Target").ToList();
            var names = own.Where(h => !h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)).Select(h => h.Key).ToList();
            var (path, query) = Split(c.Path);
            var added = SigV4.SignHeaders(new SigningRequest(c.Method, path, query, own, bodyHash), names, c.Credentials, scope, c.Time, style,
                includeContentSha256: c.Service == "s3");
            var ours = added.Single(h => h.Key == "Authorization").Value;
            var theirs = (string)result["authorization"]!;
            if (ours != theirs)
            {
                return $"Authorization differs\n  ours:  {ours}\n  aws4:  {theirs}\n  ours canonical: {Escape(CanonicalRequest.Build(new SigningRequest(c.Method, path, query, [.. own, .. added], bodyHash), [.. names, "host", .. added.Where(a => a.Key != "Authorization").Select(a => a.Key)], style))}";
            }

            // Verify what aws4 signed, as a server receives it.
            var amzDate = sentHeaders.Single(h => h.Key == "X-Amz-Date").Value;
            if (!SigV4AuthorizationParser.TryParseHeader(theirs, amzDate, null, out var parsed, out var error))
            {
                return "parse failed: " + error;
            }

            var payload = c.Service == "s3" ? sentHeaders.Single(h => h.Key == "X-Amz-Content-Sha256").Value : bodyHash;
            var received = new SigningRequest(c.Method, sentPath, sentQuery, sentHeaders, payload);
            if (!SigV4.Verify(received, parsed!, c.Credentials.SecretAccessKey, style))
            {
                return "verify rejected aws4's signature";
            }

            return Tampered(received, parsed!, c, style);
        }
        else
        {
            var (path, query) = Split(c.Path);
            var ownQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("X-Amz-Expires=", StringComparison.Ordinal)));
            var names = c.Headers.Keys.ToList();
            var payload = c.Service == "s3" ? SigV4.UnsignedPayload : bodyHash;
            var request = new SigningRequest(c.Method, path, ownQuery, sentHeaders.Where(h => !h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) || h.Key == "X-Amz-Target").ToList(), payload);
            var ours = SigV4.Presign(request, names, c.Credentials, scope, c.Time, TimeSpan.FromSeconds(300), style);
            var ourSignature = ours[(ours.LastIndexOf('=') + 1)..];
            var theirSignature = CanonicalRequest.ParseQuery(sentQuery).Single(p => p.Name == SigV4.SignatureParameter).Value;
            if (ourSignature != theirSignature)
            {
                return $"presigned signature differs\n  ours:  {ours}\n  aws4:  {sentQuery}";
            }

            if (!SigV4AuthorizationParser.TryParseQuery(sentQuery, out var parsed, out var error))
            {
                return "parse failed: " + error;
            }

            var received = new SigningRequest(c.Method, sentPath, sentQuery, sentHeaders, payload);
            if (!SigV4.Verify(received, parsed!, c.Credentials.SecretAccessKey, style))
            {
                return "verify rejected aws4's presigned URL";
            }

            return Tampered(received, parsed!, c, style);
        }
    }

    // Every signed part matters: a changed method, path, query, header value or payload must fail verification.
    private static string? Tampered(SigningRequest received, SigV4Authorization parsed, Case c, CanonicalUriStyle style)
    {
        var signedHeader = parsed.SignedHeaders.FirstOrDefault(h => h != "host") ?? "host";
        var variants = new (string What, SigningRequest Request)[]
        {
            ("method", received with { Method = received.Method == "GET" ? "POST" : "GET" }),
            ("path", received with { Path = received.Path + "x" }),
            ("query", received with { Query = received.Query + "&extra=1" }),
            ("header " + signedHeader, received with { Headers = [.. received.Headers.Select(h => h.Key.Equals(signedHeader, StringComparison.OrdinalIgnoreCase) ? new KeyValuePair<string, string>(h.Key, h.Value + "x") : h)] }),
            ("payload", received with { PayloadHash = SigV4.HashPayload("tampered"u8) }),
        };
        foreach (var (what, request) in variants)
        {
            if (what == "payload" && received.PayloadHash == SigV4.UnsignedPayload)
            {
                continue;
            }

            if (SigV4.Verify(request, parsed, c.Credentials.SecretAccessKey, style))
            {
                return $"verify accepted a request with a changed {what}";
            }
        }

        return SigV4.Verify(received, parsed, c.Credentials.SecretAccessKey + "x", style) ? "verify accepted a wrong secret" : null;
    }

    private static Case RandomCase(Random random, int index)
    {
        var service = Services[random.Next(Services.Length)];
        var s3 = service == "s3";
        var segments = new List<string>();
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            var roll = random.Next(20);
            segments.Add(!s3 && roll == 0 ? ".." : !s3 && roll == 1 ? "." : roll == 2 ? "" : Uri.EscapeDataString(RandomText(random, 1, 8)));
        }

        var path = "/" + string.Join('/', segments) + (segments.Count > 0 && random.Next(4) == 0 ? "/" : "");
        if (s3)
        {
            path = path.Replace("%2B", "%2b", StringComparison.Ordinal); // still '+' once decoded, and the escape keeps aws4 off its '+'-as-space path
        }

        var query = new List<string>();
        var keys = new List<string>();
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            var key = !s3 && keys.Count > 0 && random.Next(4) == 0 ? keys[0] : RandomText(random, 1, 6);
            if (s3 && keys.Contains(key))
            {
                continue;
            }

            keys.Add(key);
            var value = random.Next(5) == 0 ? "" : RandomText(random, 0, 10);
            var encodedValue = random.Next(3) == 0 ? Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal) : Uri.EscapeDataString(value);
            query.Add(random.Next(8) == 0 && value.Length == 0 ? Uri.EscapeDataString(key) : Uri.EscapeDataString(key) + "=" + encodedValue);
        }

        var signQuery = random.Next(5) == 0;
        if (signQuery)
        {
            query.Add("X-Amz-Expires=300");
        }

        var headers = new Dictionary<string, string>();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var name = (random.Next(2) == 0 ? "X-Test-" : "my-header") + n;
            headers[name] = (random.Next(3) == 0 ? "  " : "") + RandomAscii(random) + (random.Next(3) == 0 ? "\t " : "");
        }

        if (service is "dynamodb" or "kinesis")
        {
            headers["X-Amz-Target"] = service == "dynamodb" ? "DynamoDB_20120810.Query" : "Kinesis_20131202.PutRecord";
        }

        var body = random.Next(3) == 0 ? null : RandomText(random, 1, 40);
        if (body is not null && random.Next(2) == 0)
        {
            headers["Content-Type"] = "application/x-amz-json-1.0";
        }

        var credentials = new AwsCredentials("AKID" + index, "secret/" + RandomAscii(random).Replace(" ", "", StringComparison.Ordinal) + index,
            random.Next(3) == 0 ? "token+" + index + "/=" : null);
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 200_000_000));
        return new Case(service, Regions[random.Next(Regions.Length)], Methods[random.Next(Methods.Length)],
            path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), headers, body, signQuery, time, credentials);
    }

    private static string RandomText(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        for (var n = random.Next(min, max + 1); n > 0; n--)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomAscii(Random random)
    {
        var builder = new StringBuilder();
        for (var n = random.Next(1, 16); n > 0; n--)
        {
            builder.Append(random.Next(6) == 0 ? "   " : ((char)random.Next(33, 127)).ToString());
        }

        return builder.ToString().Trim();
    }

    private static (string Path, string Query) Split(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?');
        return question < 0 ? (pathAndQuery, "") : (pathAndQuery[..question], pathAndQuery[(question + 1)..]);
    }

    private static string Escape(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed record Case(string Service, string Region, string Method, string Path, Dictionary<string, string> Headers,
        string? Body, bool SignQuery, DateTimeOffset Time, AwsCredentials Credentials)
    {
        public JsonObject ToJson() => new()
        {
            ["service"] = Service,
            ["region"] = Region,
            ["method"] = Method,
            ["host"] = Service + "." + Region + ".example.test",
            ["path"] = Path,
            ["headers"] = new JsonObject(Headers.Select(h => new KeyValuePair<string, JsonNode?>(h.Key, h.Value))),
            ["body"] = Body,
            ["signQuery"] = SignQuery,
            ["date"] = SigV4.FormatAmzDate(Time),
            ["credentials"] = new JsonObject
            {
                ["accessKeyId"] = Credentials.AccessKeyId,
                ["secretAccessKey"] = Credentials.SecretAccessKey,
                ["sessionToken"] = Credentials.SessionToken,
            },
        };
    }
}
