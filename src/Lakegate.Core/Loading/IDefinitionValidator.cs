using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>One concern of validation (YARP-style): adds every problem it finds to the shared list and never throws.</summary>
internal interface IDefinitionValidator
{
    void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics);
}
