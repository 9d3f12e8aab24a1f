using Lakegate.Core.Definitions;
using Lakegate.Core.Secrets;

namespace Lakegate.Core.Loading;

/// <summary>
/// Collects every <c>{{secret:...}}</c> reference in a parsed document with its position, whatever
/// key it sits under: resolution is generic (any config string), so the check must be too.
/// A malformed reference is an error here rather than text that silently reaches a backend.
/// </summary>
internal static class SecretReferenceScanner
{
    public static IReadOnlyList<SecretReferenceUse> Scan(SourceNode root, ICollection<Diagnostic> diagnostics)
    {
        var uses = new List<SecretReferenceUse>();
        Walk(root, uses, diagnostics);
        return uses;
    }

    private static void Walk(SourceNode node, List<SecretReferenceUse> uses, ICollection<Diagnostic> diagnostics)
    {
        switch (node)
        {
            case SourceScalar scalar when SecretReferences.Contains(scalar.Value):
                var errors = new List<(int Offset, string Message)>();
                foreach (var (offset, _, reference) in SecretReferences.Find(scalar.Value, errors))
                {
                    uses.Add(new SecretReferenceUse(reference, At(scalar, offset)));
                }

                foreach (var (offset, message) in errors)
                {
                    diagnostics.Add(Diagnostic.Error(At(scalar, offset), message));
                }

                break;
            case SourceMap map:
                foreach (var entry in map.Entries)
                {
                    Walk(entry.Value, uses, diagnostics);
                }

                break;
            case SourceSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Walk(item, uses, diagnostics);
                }

                break;
        }
    }

    /// <summary>The column of the reference itself when the scalar is one plain line; otherwise where the scalar starts.</summary>
    private static SourcePosition At(SourceScalar scalar, int offset) =>
        !scalar.IsQuoted && scalar.Value.IndexOf('\n', 0, offset) < 0
            ? scalar.Position with { Column = scalar.Position.Column + offset }
            : scalar.Position;
}
