using Lakegate.Core.Definitions;

namespace Lakegate.Core.Secrets;

/// <summary>A secret reference and where it was written, so a deploy can name file:line:col for an unknown secret.</summary>
public sealed record SecretReferenceUse(SecretReference Reference, SourcePosition Position);
