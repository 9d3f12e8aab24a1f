namespace Lakegate.Core.Validation;

/// <summary>
/// Draft-4 primitive types as flags, in the order the reference validator (fge, used by API Gateway)
/// lists them in messages: array, boolean, integer, null, number, object, string.
/// </summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Array = 1,
    Boolean = 2,
    Integer = 4,
    Null = 8,
    Number = 16,
    Object = 32,
    String = 64,
}
