using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;

// Renders API Gateway's classic "pass everything through" template (the one AWS's console
// generates as "Method Request passthrough") against a realistic request.
// Targets (issue 3): >= 200,000 renders/s on one core, <= 2 KB allocated per render.
// Run: dotnet run -c Release --project bench/VtlRender -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PassThroughTemplateBenchmark).Assembly).Run(args);

[MemoryDiagnoser]
public class PassThroughTemplateBenchmark
{
    private const string Template = """
        ##  See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
        #set($allParams = $input.params())
        {
        "body-json" : $input.json('$'),
        "params" : {
        #foreach($type in $allParams.keySet())
            #set($params = $allParams.get($type))
        "$type" : {
            #foreach($paramName in $params.keySet())
            "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                #if($foreach.hasNext),#end
            #end
        }
            #if($foreach.hasNext),#end
        #end
        },
        "stage-variables" : {
        #foreach($key in $stageVariables.keySet())
        "$key" : "$util.escapeJavaScript($stageVariables.get($key))"
            #if($foreach.hasNext),#end
        #end
        },
        "context" : {
            "account-id" : "$context.identity.accountId",
            "api-id" : "$context.apiId",
            "api-key" : "$context.identity.apiKey",
            "authorizer-principal-id" : "$context.authorizer.principalId",
            "caller" : "$context.identity.caller",
            "http-method" : "$context.httpMethod",
            "stage" : "$context.stage",
            "source-ip" : "$context.identity.sourceIp",
            "user" : "$context.identity.user",
            "user-agent" : "$context.identity.userAgent",
            "user-arn" : "$context.identity.userArn",
            "request-id" : "$context.requestId",
            "resource-id" : "$context.resourceId",
            "resource-path" : "$context.resourcePath"
            }
        }
        """;

    private VtlTemplate _template = null!;
    private VtlScope _scope = null!;
    private ApiGatewayRequest _request = null!;
    private readonly BenchContext _context = new();
    private readonly Dictionary<string, string> _stageVariables = new() { ["env"] = "prod", ["table"] = "orders" };
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);

    [GlobalSetup]
    public void Setup()
    {
        var parsed = VtlTemplate.Parse(Template, "passthrough");
        _template = parsed.Template ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors));
        var request = _request = new ApiGatewayRequest(
            """{"order": {"id": "o-1001", "items": [{"sku": "sku-1", "qty": 2}, {"sku": "sku-3", "qty": 1}], "note": "leave at the \"back\" door"}}""",
            new Dictionary<string, string> { ["orderId"] = "o-1001" },
            new Dictionary<string, string> { ["expand"] = "items", ["currency"] = "EUR" },
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Accept"] = "application/json",
                ["Content-Type"] = "application/json",
                ["Host"] = "abc123.execute-api.eu-west-1.amazonaws.com",
                ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
                ["X-Forwarded-For"] = "203.0.113.7",
                ["X-Amzn-Trace-Id"] = "Root=1-5f84c7a9-0123456789abcdef01234567",
            },
            new Dictionary<string, IReadOnlyList<string>> { ["expand"] = ["items"], ["currency"] = ["EUR"] },
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = ["application/json"] });
        _scope = ApiGatewayScope.Create(request, _context, _stageVariables);

        var check = _template.Render(_scope, VtlLimits.Default);
        if (check.Error is not null)
        {
            throw new InvalidOperationException(check.Error.ToString());
        }
    }

    /// <summary>The string API (what issue 3 measured first): one scope reused, the text returned as a string.</summary>
    [Benchmark(Baseline = true)]
    public string Render() => _template.Render(_scope, VtlLimits.Default).Output;

    /// <summary>The buffer API the gateway uses: UTF-8 straight into a reused buffer (a response body writer).</summary>
    [Benchmark]
    public int RenderToBuffer()
    {
        _buffer.ResetWrittenCount();
        _template.RenderTo(_scope, VtlLimits.Default, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>As the gateway does per request: a fresh scope ($input parses nothing up front), then the buffer API.</summary>
    [Benchmark]
    public int RenderToBufferFreshScope()
    {
        _buffer.ResetWrittenCount();
        _template.RenderTo(ApiGatewayScope.Create(_request, _context, _stageVariables), VtlLimits.Default, _buffer);
        return _buffer.WrittenCount;
    }
}

/// <summary>A fixed $context, as the gateway's would look.</summary>
internal sealed class BenchContext : IVtlObject
{
    private readonly VtlMap _identity = new()
    {
        ["accountId"] = null,
        ["apiKey"] = null,
        ["caller"] = null,
        ["sourceIp"] = "203.0.113.7",
        ["user"] = null,
        ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
        ["userArn"] = null,
    };

    private readonly VtlMap _authorizer = new();

    public bool TryGetProperty(string name, out object? value)
    {
        value = name switch
        {
            "identity" => _identity,
            "authorizer" => _authorizer,
            "apiId" => "abc123",
            "httpMethod" => "POST",
            "stage" => "prod",
            "requestId" => "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "resourceId" => "r1a2b3",
            "resourcePath" => "/orders/{orderId}",
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
