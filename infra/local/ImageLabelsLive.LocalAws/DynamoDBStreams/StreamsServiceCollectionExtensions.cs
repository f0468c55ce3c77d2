using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

public static class StreamsServiceCollectionExtensions
{
    /// <summary>
    /// Adds one consumer of a streamed table (an event source mapping). Needs <see cref="ILambdaInvoker"/> registered
    /// and <c>AddLocalDynamoDb</c>; its delivery loop runs as part of the host.
    /// </summary>
    public static IServiceCollection AddLocalDynamoDbStreamConsumer(this IServiceCollection services, EventSourceMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(sp => new EventSourceMapping(
            options,
            sp.GetRequiredService<ILambdaInvoker>(),
            sp.GetRequiredService<StreamFailureDestination>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(EventSourceMapping).FullName}.{options.FunctionName}"),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
