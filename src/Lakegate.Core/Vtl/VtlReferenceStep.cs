using System.Runtime.CompilerServices;

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
            IVtlObject host => HostCall.Get(host, Name, Offset),
            IDictionary<string, object?> map => map.TryGetValue(Name, out var value) ? value : null,
            IReadOnlyDictionary<string, object?> map => map.TryGetValue(Name, out var value) ? value : null,
            _ => null,
        };

        public bool Assign(object target, object? value) => target switch
        {
            IVtlObject host => HostCall.Set(host, Name, value, Offset),
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
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var values = Evaluate(state);
            try
            {
                return Invoke(target, values, state);
            }
            finally
            {
                state.ReturnArguments(values);
            }
        }

        /// <summary>
        /// Renders the call's text straight into the output when <paramref name="target"/> can write it
        /// (see <see cref="IVtlTextMethods"/>); otherwise returns the call's value, as <see cref="Apply"/>.
        /// Arguments are evaluated once either way. The written text is bounded as a built string and
        /// as output; on a limit hit it is taken back out, so the output is what it would have been.
        /// </summary>
        public bool TryRenderInto(IVtlTextMethods target, VtlRenderState state, int nodeOffset, out object? value)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var values = Evaluate(state);
            try
            {
                state.CheckTime(Offset);
                VtlMethods.AccountHostArguments(values, state, Offset);
                var output = state.Output;
                var start = output.Length;
                bool written;
                try
                {
                    written = target.TryInvokeInto(name, values, output);
                }
                catch (VtlRenderException e) when (e.Offset < 0)
                {
                    output.Length = start;
                    throw new VtlRenderException(Offset, e.Message);
                }
                catch (Exception e) when (e is not VtlRenderException)
                {
                    output.Length = start;
                    throw new VtlRenderException(Offset, $"call to {name}() failed");
                }

                if (written)
                {
                    var length = output.Length - start;
                    if (length > state.Limits.MaxOutputChars)
                    {
                        output.Length = start;
                        throw new VtlRenderException(Offset, $"string exceeded {state.Limits.MaxOutputChars} characters");
                    }

                    state.Account(length, Offset);
                    if (output.Length > state.Limits.MaxOutputChars)
                    {
                        output.Length = start;
                        throw new VtlRenderException(nodeOffset, $"output exceeded {state.Limits.MaxOutputChars} characters");
                    }

                    value = null;
                    return true;
                }

                value = InvokeChecked(target, values, state, argumentsAccounted: true);
                return false;
            }
            finally
            {
                state.ReturnArguments(values);
            }
        }

        private object?[] Evaluate(VtlRenderState state)
        {
            var values = state.RentArguments(arguments.Length);
            try
            {
                for (var i = 0; i < arguments.Length; i++)
                {
                    values[i] = arguments[i].Evaluate(state);
                }
            }
            catch
            {
                state.ReturnArguments(values);
                throw;
            }

            return values;
        }

        private object? Invoke(object target, object?[] values, VtlRenderState state)
        {
            state.CheckTime(Offset);
            return InvokeChecked(target, values, state);
        }

        private object? InvokeChecked(object target, object?[] values, VtlRenderState state, bool argumentsAccounted = false)
        {
            try
            {
                return VtlMethods.Invoke(target, name, values, state, Offset, argumentsAccounted);
            }
            catch (VtlRenderException e) when (e.Offset < 0)
            {
                throw new VtlRenderException(Offset, e.Message);
            }
            catch (Exception e) when (e is not VtlRenderException)
            {
                // A host object's bug must not escape Render; its message may hold internals, so it stays out.
                throw new VtlRenderException(Offset, $"call to {name}() failed");
            }
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

    /// <summary>Host property access with host exceptions turned into render errors.</summary>
    private static class HostCall
    {
        public static object? Get(IVtlObject host, string name, int offset)
        {
            try
            {
                return host.TryGetProperty(name, out var value) ? value : null;
            }
            catch (Exception e) when (e is not VtlRenderException)
            {
                throw new VtlRenderException(offset, $"reading .{name} failed");
            }
        }

        public static bool Set(IVtlObject host, string name, object? value, int offset)
        {
            try
            {
                return host.TrySetProperty(name, value);
            }
            catch (Exception e) when (e is not VtlRenderException)
            {
                throw new VtlRenderException(offset, $"setting .{name} failed");
            }
        }
    }
}
