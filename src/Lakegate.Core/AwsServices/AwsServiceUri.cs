using System.Text.RegularExpressions;

namespace Lakegate.Core.AwsServices;

/// <summary>
/// An API Gateway AWS service integration URI (reference §1.4):
/// <c>arn:aws:apigateway:{region}:{service}:action/{Action}[&amp;{p}={v}...]</c> or
/// <c>arn:aws:apigateway:{region}:{subdomain.service|service}:path/{path}</c>.
/// </summary>
public sealed partial record AwsServiceUri(
    string Region,
    string Service,
    string? Subdomain,
    string? Action,
    IReadOnlyList<KeyValuePair<string, string>> ActionParameters,
    string? Path)
{
    public bool IsAction => Action is not null;

    /// <summary>Parses a URI; false (with a message) when it is not an AWS service URI or is malformed.</summary>
    public static bool TryParse(string? uri, out AwsServiceUri? parsed, out string error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(uri))
        {
            error = "an AWS integration needs a uri: arn:aws:apigateway:{region}:{service}:action/{Action} or ...:path/{path}";
            return false;
        }

        var match = Pattern().Match(uri.Trim());
        if (!match.Success)
        {
            error = $"uri '{uri}' is not an AWS service URI: expected arn:aws:apigateway:{{region}}:{{service}}:action/{{Action}} or arn:aws:apigateway:{{region}}:{{service}}:path/{{path}}";
            return false;
        }

        var region = match.Groups["region"].Value;
        var service = match.Groups["service"].Value;
        string? subdomain = null;
        var dot = service.LastIndexOf('.');
        if (dot >= 0)
        {
            subdomain = service[..dot];
            service = service[(dot + 1)..];
        }

        if (service.Length == 0 || (subdomain is not null && subdomain.Length == 0))
        {
            error = $"uri '{uri}': the service part must be 'service' or 'subdomain.service'";
            return false;
        }

        var rest = match.Groups["rest"].Value;
        if (match.Groups["kind"].Value == "path")
        {
            parsed = new AwsServiceUri(region, service, subdomain, null, [], "/" + rest.TrimStart('/'));
            error = "";
            return true;
        }

        var pieces = rest.Split('&');
        if (pieces[0].Length == 0 || !ActionName().IsMatch(pieces[0]))
        {
            error = $"uri '{uri}': action/ must be followed by an action name such as PutItem";
            return false;
        }

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=');
            if (equals <= 0)
            {
                error = $"uri '{uri}': action parameter '{piece}' is not name=value";
                return false;
            }

            parameters.Add(new(piece[..equals], piece[(equals + 1)..]));
        }

        parsed = new AwsServiceUri(region, service, subdomain, pieces[0], parameters, null);
        error = "";
        return true;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:apigateway:(?<region>[a-z0-9-]*|\$\{stageVariables\.[A-Za-z0-9_]+\}):(?<service>[A-Za-z0-9._-]+):(?<kind>action|path)/(?<rest>.*)$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex ActionName();
}
