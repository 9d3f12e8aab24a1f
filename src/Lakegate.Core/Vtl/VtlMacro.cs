namespace Lakegate.Core.Vtl;

/// <summary>A <c>#macro(name $a $b)</c> definition.</summary>
internal sealed record VtlMacro(string Name, string[] Parameters, int[] ParameterSlots, VtlNode[] Body);
