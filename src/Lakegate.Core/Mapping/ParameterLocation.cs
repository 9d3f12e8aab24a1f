namespace Lakegate.Core.Mapping;

public enum ParameterLocation
{
    Path,
    QueryString,
    Header,
    MultiValueQueryString,
    MultiValueHeader,
}
