namespace Lakegate.Core.Vtl;

/// <summary>One step of a reference chain: <c>.name</c>, <c>.name(args)</c> or <c>[key]</c>.</summary>
internal abstract class VtlReferenceStep(int offset)
{
    public int Offset { get; } = offset;

    /// <summary>The value reached from <paramref name="target"/>; null when there is none (the reference then renders as written).</summary>
    public abstract object? Apply(object target, VtlRenderState state);

    internal sealed class Property(int offset, string name) : VtlReferenceStep(offset)
    {
        public string Name { get; } = name;

        public override object? Apply(object target, VtlRenderState state) => target switch
        {
            IVtlObject host => host.TryGetProperty(Name, out var value) ? value : null,
            IDictionary<string, object?> map => map.TryGetValue(Name, out var value) ? value : null,
            IReadOnlyDictionary<string, object?> map => map.TryGetValue(Name, out var value) ? value : null,
            _ => null,
        };

        public bool Assign(object target, object? value) => target switch
        {
            IVtlObject host => host.TrySetProperty(Name, value),
            IDictionary<string, object?> map when !map.IsReadOnly => Put(map, Name, value),
            _ => false,
        };

        private static bool Put(IDictionary<string, object?> map, string key, object? value)
        {
            map[key] = value;
            return true;
        }
    }

    internal sealed class Method(int offset, string name, VtlExpression[] arguments) : VtlReferenceStep(offset)
    {
        public override object? Apply(object target, VtlRenderState state)
        {
            var values = new object?[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                values[i] = arguments[i].Evaluate(state);
            }

            state.CheckTime(Offset);
            return VtlMethods.Invoke(target, name, values, state, Offset);
        }
    }

    internal sealed class Index(int offset, VtlExpression key) : VtlReferenceStep(offset)
    {
        public override object? Apply(object target, VtlRenderState state)
        {
            var k = key.Evaluate(state);
            switch (target)
            {
                case IList<object?> list when VtlValues.IsIntegral(k):
                    var i = VtlValues.ToLong(k!);
                    return i >= 0 && i < list.Count ? list[(int)i] : null;
                case IDictionary<string, object?> map when k is not null:
                    return map.TryGetValue(state.ToText(k, Offset), out var value) ? value : null;
                case IVtlObject host when k is string name:
                    return host.TryGetProperty(name, out var property) ? property : null;
                default:
                    return null;
            }
        }

        public bool Assign(object target, object? value, VtlRenderState state)
        {
            var k = key.Evaluate(state);
            switch (target)
            {
                case IList<object?> list when VtlValues.IsIntegral(k) && !list.IsReadOnly:
                    var i = VtlValues.ToLong(k!);
                    if (i < 0 || i >= list.Count)
                    {
                        throw new VtlRenderException(Offset, $"index {i} out of bounds for length {list.Count}");
                    }

                    list[(int)i] = value;
                    return true;
                case IDictionary<string, object?> map when k is not null && !map.IsReadOnly:
                    map[state.ToText(k, Offset)] = value;
                    return true;
                case IVtlObject host when k is string name:
                    return host.TrySetProperty(name, value);
                default:
                    return false;
            }
        }
    }
}
