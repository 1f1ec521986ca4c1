using System.Diagnostics.Tracing;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The methods the JIT compiles, and how long it takes, by namespace (the runtime's JIT events, in
/// process): what of a fresh compiler's first generator run is our code's JIT, a library's, or Roslyn's.
/// `ARAZZO_JIT=1 ... build first` prints it after each run.
/// </summary>
internal sealed class JitListener : EventListener
{
    private const int JittingStarted = 145;
    private const int LoadVerbose = 143;
    private readonly Dictionary<long, DateTime> _started = new();
    private readonly Dictionary<string, (int Methods, double Ms)> _byNamespace = new(StringComparer.Ordinal);
    private readonly List<(string Method, double Ms)> _slowest = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JIT
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_byNamespace)
        {
            if (e.EventId == JittingStarted)
            {
                _started[e.OSThreadId] = e.TimeStamp;
            }
            else if (e.EventId == LoadVerbose && _started.Remove(e.OSThreadId, out var started))
            {
                var type = e.Payload![e.PayloadNames!.IndexOf("MethodNamespace")] as string ?? "?";
                var key = string.Join('.', type.Split('.', '+', '`').Take(2));
                var (methods, ms) = _byNamespace.GetValueOrDefault(key);
                var took = (e.TimeStamp - started).TotalMilliseconds;
                _byNamespace[key] = (methods + 1, ms + took);
                _slowest.Add((type + "." + e.Payload[e.PayloadNames.IndexOf("MethodName")], took));
            }
        }
    }

    public void Print(string pass)
    {
        lock (_byNamespace)
        {
            Console.WriteLine($"JIT during the {pass}: {_byNamespace.Values.Sum(v => v.Methods)} methods, {_byNamespace.Values.Sum(v => v.Ms):0.0} ms");
            foreach (var (name, (methods, ms)) in _byNamespace.OrderByDescending(p => p.Value.Ms).Take(15))
            {
                Console.WriteLine($"  {name}: {methods} methods, {ms:0.0} ms");
            }

            Console.WriteLine("  slowest: " + string.Join(", ", _slowest.OrderByDescending(m => m.Ms).Take(12).Select(m => $"{m.Method} {m.Ms:0.0}")));
            _byNamespace.Clear();
            _slowest.Clear();
        }
    }
}
