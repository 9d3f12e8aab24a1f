using System.Text.Json;

namespace Lakegate.Core.Validation;

/// <summary>
/// The models of one API, compiled together so <c>$ref</c>s between them resolve to shared nodes.
/// Compiled once per deployment; lookups are by model name (case-sensitive, as API Gateway's).
/// </summary>
public sealed class ModelSchemaSet
{
    private readonly Dictionary<string, ModelSchema> _models;

    private ModelSchemaSet(Dictionary<string, ModelSchema> models, IReadOnlyList<string> errors)
    {
        _models = models;
        Errors = errors;
    }

    /// <summary>Every problem found, in every model.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IEnumerable<string> Names => _models.Keys;

    public static ModelSchemaSet Compile(IReadOnlyDictionary<string, JsonElement> models, SchemaValidationLimits? limits = null)
    {
        limits ??= SchemaValidationLimits.Default;
        var compiler = new SchemaCompiler(models, limits.RegexTimeout);
        var roots = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var name in models.Keys.Order(StringComparer.Ordinal))
        {
            roots[name] = compiler.CompileModel(name);
        }

        var compiled = new Dictionary<string, ModelSchema>(StringComparer.Ordinal);
        foreach (var (name, root) in roots)
        {
            compiled[name] = new ModelSchema(name, root, ReachableErrors(compiler, name), limits);
        }

        var all = compiler.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value).ToList();
        return new ModelSchemaSet(compiled, all);
    }

    public ModelSchema? Get(string name) => _models.GetValueOrDefault(name);

    /// <summary>The named model, or a stand-in whose <see cref="ModelSchema.Errors"/> say it is not declared.</summary>
    public ModelSchema GetOrUndeclared(string name) =>
        _models.GetValueOrDefault(name) ?? new ModelSchema(name, new SchemaNode { UnresolvedRef = name }, [$"model {name} is not declared"], SchemaValidationLimits.Default);

    private static List<string> ReachableErrors(SchemaCompiler compiler, string model)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { model };
        var queue = new Queue<string>([model]);
        var errors = new List<string>();
        while (queue.TryDequeue(out var current))
        {
            if (compiler.Errors.TryGetValue(current, out var own))
            {
                errors.AddRange(own);
            }

            foreach (var next in compiler.References.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return errors;
    }
}
