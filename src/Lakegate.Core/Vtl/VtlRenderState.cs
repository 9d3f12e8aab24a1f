using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Everything one render mutates: output, <c>#set</c> variables, counters and the deadline. The
/// template itself stays immutable, so renders may run concurrently.
/// </summary>
internal sealed class VtlRenderState
{
    /// <summary>
    /// One state per thread, reused across renders: the locals dictionary, the root output buffer
    /// and the argument arrays were most of what a render allocated. A state is taken for the
    /// whole render (a render nested in another on the same thread gets a fresh one) and handed
    /// back cleared; states that grew large are dropped, not kept.
    /// </summary>
    [ThreadStatic]
    private static VtlRenderState? _cached;

    /// <summary>Slots every template has: the loop variables <c>#foreach</c> sets.</summary>
    public const int ForeachSlot = 0;
    public const int VelocityCountSlot = 1;
    public const int VelocityHasNextSlot = 2;

    /// <summary>The names of the slots above, in order: the parser numbers them first.</summary>
    public static readonly string[] ReservedSlotNames = ["foreach", "velocityCount", "velocityHasNext"];

    private const int CachedRootMaxChars = 64 * 1024;
    private const int CachedMaxSlots = 1024;

    /// <summary>What an unset slot holds (null is a value: a <c>#foreach</c> over a list holding null sets it).</summary>
    private static readonly object Unset = new();
    private const int PooledMaxArity = 4;
    private const int PooledArraysPerArity = 16;

    /// <summary>
    /// The render's variables by slot (see <see cref="VtlTemplate.SlotNames"/>): <c>#set</c>,
    /// loop and macro variables, or <see cref="Unset"/>. Kept all-unset between renders.
    /// </summary>
    private object?[] _locals = [];

    /// <summary>The scope's value of each slot's name, read at the first lookup in a render (<see cref="Unset"/> before).</summary>
    private object?[] _scoped = [];
    private readonly Stack<object?[]>[] _arguments = new Stack<object?[]>[PooledMaxArity + 1];
    private readonly StringBuilder _root = new(4096);
    private readonly Encoder _utf8 = Encoding.UTF8.GetEncoder();
    private VtlScope _scope = null!;
    private long _deadline;
    private CancellationToken _cancellationToken;
    private int _totalIterations;
    private int _depth;
    private int _checks;
    private long _charsBuilt;

    private VtlRenderState()
    {
        for (var i = 1; i <= PooledMaxArity; i++)
        {
            _arguments[i] = new Stack<object?[]>();
        }
    }

    /// <summary>A cleared state for one render on this thread; give it back with <see cref="Return"/>.</summary>
    public static VtlRenderState Rent(VtlTemplate template, VtlScope scope, VtlLimits limits, CancellationToken cancellationToken)
    {
        var state = _cached ?? new VtlRenderState();
        _cached = null;
        state.Template = template;
        state._scope = scope;
        state.Limits = limits;
        state._cancellationToken = cancellationToken;
        var seconds = limits.MaxDuration.TotalSeconds;
        var now = Stopwatch.GetTimestamp();
        state._deadline = seconds <= 0 ? long.MinValue
            : seconds * Stopwatch.Frequency >= long.MaxValue - now ? long.MaxValue
            : now + (long)(seconds * Stopwatch.Frequency);
        state._root.Clear();
        state.Output = state._root;
        var slots = template.SlotNames.Length;
        if (state._locals.Length < slots)
        {
            state._locals = new object?[slots];
            state._scoped = new object?[slots];
            Array.Fill(state._locals, Unset);
            Array.Fill(state._scoped, Unset);
        }

        return state;
    }

    /// <summary>Clears every reference to this render's values and keeps the state for the next render on this thread.</summary>
    public void Return()
    {
        var reusable = _root.Capacity <= CachedRootMaxChars && _locals.Length <= CachedMaxSlots;
        var slots = Math.Min(Template.SlotNames.Length, _locals.Length);
        Array.Fill(_locals, Unset, 0, slots);
        Array.Fill(_scoped, Unset, 0, slots);
        _root.Clear();
        _scope = null!;
        Template = null!;
        Output = _root;
        _cancellationToken = default;
        _totalIterations = _depth = _checks = 0;
        _charsBuilt = 0;
        _utf8.Reset();
        if (reusable)
        {
            _cached = this;
        }
    }

    /// <summary>The whole render's output (<see cref="Output"/> may point elsewhere while a string literal is built).</summary>
    public StringBuilder Root => _root;

    /// <summary>This thread's UTF-8 encoder, reset per render (chunk boundaries may split surrogate pairs).</summary>
    public Encoder Utf8 => _utf8;

    /// <summary>
    /// An argument array for a method call, returned with <see cref="ReturnArguments"/> when the call
    /// is over. Calls nest strictly, so a stack per arity is enough. Hosts never keep the array (see <see cref="IVtlObject"/>).
    /// </summary>
    public object?[] RentArguments(int count)
    {
        if (count == 0)
        {
            return [];
        }

        return count <= PooledMaxArity && _arguments[count].TryPop(out var array) ? array : new object?[count];
    }

    public void ReturnArguments(object?[] array)
    {
        if (array.Length is > 0 and <= PooledMaxArity && _arguments[array.Length].Count < PooledArraysPerArity)
        {
            Array.Clear(array);
            _arguments[array.Length].Push(array);
        }
    }

public VtlTemplate Template { get; private set; } = null!;

    public VtlLimits Limits { get; private set; } = null!;

    /// <summary>Where text goes now: the render output, or a buffer while a string literal or a #define block is evaluated.</summary>
    public StringBuilder Output { get; set; } = null!;

    public int MaxDepth => Limits.MaxDepth;

    /// <summary>A variable: the render's own if set, else the scope's (null when neither has it).</summary>
    public object? Lookup(int slot)
    {
        var value = _locals[slot];
        if (!ReferenceEquals(value, Unset))
        {
            return value;
        }

        value = _scoped[slot];
        if (ReferenceEquals(value, Unset))
        {
            // The scope does not change during a render, so one read per name is enough.
            value = _scope.TryGet(Template.SlotNames[slot], out var scoped) ? scoped : null;
            _scoped[slot] = value;
        }

        return value;
    }

    public bool TryGetLocal(int slot, out object? value)
    {
        value = _locals[slot];
        if (ReferenceEquals(value, Unset))
        {
            value = null;
            return false;
        }

        return true;
    }

    public void SetLocal(int slot, object? value) => _locals[slot] = value;

    public void RemoveLocal(int slot) => _locals[slot] = Unset;

    /// <summary>
    /// Time budget and cancellation, checked at every directive, method call and loop iteration.
    /// The clock is read at every 32nd check: the work between two reads is a few dozen bounded
    /// steps (each at most an output-sized string operation; regexes carry their own timeout), and
    /// reading it (a call into the runtime, then the OS clock) was a measurable share of a small render.
    /// </summary>
    public void CheckTime(int offset)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            throw new VtlRenderException(offset, "render cancelled");
        }

        if ((++_checks & 31) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new VtlRenderException(offset, $"render exceeded {Limits.MaxDuration.TotalMilliseconds:0} ms");
        }
    }

    public TimeSpan Remaining
    {
        get
        {
            // Regex timeouts must be positive and below ~24 days.
            if (_deadline == long.MaxValue)
            {
                return TimeSpan.FromMinutes(10);
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
            return left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : left;
        }
    }

    public void CountIteration(int offset, int iterationOfThisLoop)
    {
        if (iterationOfThisLoop > Limits.MaxLoopIterations)
        {
            throw new VtlRenderException(offset, $"#foreach exceeded {Limits.MaxLoopIterations} iterations");
        }

        if (++_totalIterations > Limits.MaxTotalIterations)
        {
            throw new VtlRenderException(offset, $"loops exceeded {Limits.MaxTotalIterations} iterations in total");
        }

        CheckTime(offset);
    }

    public void Enter(int offset)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_depth > Limits.MaxDepth)
        {
            throw new VtlRenderException(offset, $"nesting exceeded depth {Limits.MaxDepth}");
        }
    }

    public void Exit() => _depth--;

    public void Write(string text, int offset)
    {
        if (Output.Length + text.Length > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"output exceeded {Limits.MaxOutputChars} characters");
        }

        Output.Append(text);
    }

    /// <summary>
    /// Strings a template builds are bounded like the output, one by one (doubling a string cannot
    /// exhaust memory) and together: all the text built in one render may be at most 16 times
    /// <see cref="VtlLimits.MaxOutputChars"/> (a loop storing distinct large strings cannot either).
    /// </summary>
    public string CheckString(string text, int offset)
    {
        if (text.Length > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"string exceeded {Limits.MaxOutputChars} characters");
        }

        Account(text.Length, offset);
        return text;
    }

    /// <summary>Counts characters or collection elements a render creates against its build budget.</summary>
    public void Account(long units, int offset)
    {
        _charsBuilt += units;
        if (_charsBuilt > 16L * Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"render built more than {16L * Limits.MaxOutputChars} characters and elements");
        }
    }

    public void CheckSize(int count, int offset)
    {
        if (count > Limits.MaxOutputChars)
        {
            throw new VtlRenderException(offset, $"collection exceeded {Limits.MaxOutputChars} elements");
        }
    }

    /// <summary>The text of a value; a <c>#define</c> block renders its body now.</summary>
    public string ToText(object? value, int offset)
    {
        if (value is VtlDefinedBlock block)
        {
            return block.RenderToString(this, offset);
        }

        return value is string s ? s : CheckString(VtlValues.ToText(value, Limits.MaxDepth), offset);
    }

    /// <summary>Renders <paramref name="nodes"/> into a fresh buffer and returns the text.</summary>
    public string Capture(VtlNode[] nodes, int offset)
    {
        var saved = Output;
        Output = new StringBuilder();
        try
        {
            Enter(offset);
            VtlNode.RenderAll(nodes, this);
            Exit();
            return CheckString(Output.ToString(), offset);
        }
        finally
        {
            Output = saved;
        }
    }
}
