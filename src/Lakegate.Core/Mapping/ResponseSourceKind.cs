namespace Lakegate.Core.Mapping;

public enum ResponseSourceKind
{
    Static,
    Header,
    MultiValueHeader,
    Body,
    BodyPath,
    StageVariable,
    Context,
}
