
namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// A function as Lambda's managed runtime calls it: bytes of the event in, bytes of the answer out. Each function
/// builds its own dependencies in its parameterless constructor, as a fresh container would.
/// </summary>
public interface ILambdaFunction
{
    Task<Stream> HandleAsync(Stream input);
}
