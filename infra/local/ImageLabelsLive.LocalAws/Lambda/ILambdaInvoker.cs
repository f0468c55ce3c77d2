namespace ImageLabelsLive.LocalAws.Lambda;

/// <summary>
/// How a stand-in hands an event to a function, as the Lambda service would: event JSON in, response
/// JSON out, through the function's Stream entry point. The host decides which function a name means.
/// </summary>
public interface ILambdaInvoker
{
    /// <summary>Runs <paramref name="functionName"/> on <paramref name="payload"/>; throws what the function throws.</summary>
    Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken);
}
