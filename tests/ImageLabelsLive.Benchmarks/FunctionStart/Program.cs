using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

// What Lambda's managed .NET runtime does on a cold start, minus the network: load the handler's assembly,
// construct the handler type with its public parameterless constructor (static handlers need none), call
// `Task<Stream> HandleAsync(Stream)` with one event, read the answer. Prints one line of timings, each in ms
// since the parent's Stopwatch timestamp ILL_BENCH_T0 taken just before it started this process
// (Stopwatch is CLOCK_MONOTONIC on Linux, so both processes read the same clock).
//
// usage: <Assembly::Type::Method> <event.json>    or    --none   (the bare runtime's start, the baseline)
var mainAt = Stopwatch.GetTimestamp();
var origin = long.Parse(Environment.GetEnvironmentVariable("ILL_BENCH_T0") ?? mainAt.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

if (args is ["--none"])
{
    Console.Out.WriteLine(Timings(origin, ("main", mainAt), ("firstEvent", mainAt)));
    return 0;
}
if (args.Length != 2 || args[0].Split("::") is not [var assemblyName, var typeName, var methodName])
{
    Console.Error.WriteLine("usage: <Assembly::Type::Method> <event.json> | --none");
    return 2;
}

var eventBytes = await File.ReadAllBytesAsync(args[1]).ConfigureAwait(false);
var type = Assembly.Load(new AssemblyName(assemblyName)).GetType(typeName, throwOnError: true)!;
var method = type.GetMethod(methodName, [typeof(Stream)])
    ?? throw new MissingMethodException(typeName, methodName + "(Stream)");
var loadedAt = Stopwatch.GetTimestamp();

var instance = method.IsStatic ? null : Activator.CreateInstance(type);
var constructedAt = Stopwatch.GetTimestamp();

var answer = await InvokeAsync(method, instance, eventBytes).ConfigureAwait(false);
var firstAt = Stopwatch.GetTimestamp();

// A second event shows what the first one paid for loading and JIT.
_ = await InvokeAsync(method, instance, eventBytes).ConfigureAwait(false);
var secondAt = Stopwatch.GetTimestamp();

Console.Out.WriteLine(Timings(
    origin,
    ("main", mainAt),
    ("loaded", loadedAt),
    ("constructed", constructedAt),
    ("firstEvent", firstAt),
    ("secondEventMs", origin + (secondAt - firstAt))) + "\t" + answer.ReplaceLineEndings(" "));
return 0;

static async Task<string> InvokeAsync(MethodInfo method, object? instance, byte[] eventBytes)
{
    using var input = new MemoryStream(eventBytes, writable: false);
    var task = (Task<Stream>)method.Invoke(instance, [input])!;
    await using var output = await task.ConfigureAwait(false);
    using var reader = new StreamReader(output, Encoding.UTF8);
    return await reader.ReadToEndAsync().ConfigureAwait(false);
}

static string Timings(long origin, params (string Name, long At)[] points) =>
    string.Join(' ', points.Select(point => string.Create(
        CultureInfo.InvariantCulture,
        $"{point.Name}={Stopwatch.GetElapsedTime(origin, point.At).TotalMilliseconds:0.00}")));
