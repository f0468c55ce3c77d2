namespace ImageLabelsLive.Functions.Hosting;

/// <summary>One line per event worth knowing; Lambda sends stdout/stderr to CloudWatch Logs.</summary>
internal static class FunctionLog
{
    public static void Info(string function, string message) => Console.Out.WriteLine($"[{function}] {message}");

    public static void Error(string function, string message, Exception? exception = null) =>
        Console.Error.WriteLine(exception is null ? $"[{function}] ERROR {message}" : $"[{function}] ERROR {message}: {exception}");
}
