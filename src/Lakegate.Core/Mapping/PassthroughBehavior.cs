namespace Lakegate.Core.Mapping;

/// <summary>What a non-proxy integration does with a body whose Content-Type has no request template.</summary>
public enum PassthroughBehavior
{
    WhenNoMatch,
    WhenNoTemplates,
    Never,
}
