using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Custom domains: host-name syntax and base-path mappings that point at a declared api and stage.</summary>
internal sealed partial class DomainValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        var apis = config.Apis.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var stages = config.Stages.Select(s => (s.ApiId, s.Name)).ToHashSet();
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in config.Domains)
        {
            var label = $"domain {domain.Name}";
            if (domain.Name.Length > 253 || !HostName().IsMatch(domain.Name))
            {
                diagnostics.Add(Diagnostic.Error(domain.Position, $"{label}: expected a host name such as api.example.com"));
            }

            if (!domains.Add(domain.Name))
            {
                diagnostics.Add(Diagnostic.Error(domain.Position, $"{label} is declared more than once"));
            }

            var basePaths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var mapping in domain.Mappings)
            {
                var position = mapping.Position ?? domain.Position;
                var shown = mapping.BasePath.Length == 0 ? "(none)" : mapping.BasePath;
                if (!basePaths.Add(mapping.BasePath))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: base path '{shown}' is mapped more than once"));
                }

                if (mapping.BasePath.Length > 0 && !BasePath().IsMatch(mapping.BasePath))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: base path '{shown}' may hold only letters, digits and ._-/ "));
                }

                if (!apis.Contains(mapping.ApiId))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: base path '{shown}' maps to api '{mapping.ApiId}', which is not declared"));
                }
                else if (!stages.Contains((mapping.ApiId, mapping.Stage)))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: base path '{shown}' maps to stage '{mapping.Stage}', which api '{mapping.ApiId}' does not declare"));
                }
            }
        }
    }

    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9._\-/]+$")]
    private static partial Regex BasePath();
}
