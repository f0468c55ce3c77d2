using ImageLabelsLive.LocalAws.DynamoDBStreams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

public static class LocalDynamoDbExtensions
{
    /// <summary>
    /// Registers the DynamoDB endpoint in front of dynalite, the streams of the streamed tables, the table setup
    /// (<see cref="LocalTables"/>), health (<see cref="LocalDynamoDb"/>, <see cref="LocalDynamoDbStreams"/>) and the
    /// delivery loops of the consumers added with <c>AddLocalDynamoDbStreamConsumer</c>.
    /// </summary>
    public static IServiceCollection AddLocalDynamoDb(this IServiceCollection services, LocalDynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => new DynaliteClient(options));
        services.AddSingleton(_ => new DynaliteSdkClient(options));
        services.AddSingleton(sp => new TableShapes(sp.GetRequiredService<DynaliteSdkClient>(), options));
        services.AddSingleton<KeyedAsyncLock>();
        services.AddSingleton(sp => new StreamFailureDestination(sp.GetRequiredService<ILogger<StreamFailureDestination>>()));
        services.AddSingleton(sp => new LocalDynamoDbStreams(
            options, sp.GetServices<EventSourceMapping>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DynamoDbProxy(
            sp.GetRequiredService<DynaliteClient>(),
            sp.GetRequiredService<TableShapes>(),
            sp.GetRequiredService<KeyedAsyncLock>(),
            sp.GetRequiredService<LocalDynamoDbStreams>(),
            sp.GetRequiredService<ILogger<DynamoDbProxy>>()));
        services.AddSingleton(sp => new LocalTables(sp.GetRequiredService<DynaliteSdkClient>(), sp.GetRequiredService<TableShapes>(), options, sp.GetRequiredService<ILogger<LocalTables>>()));
        services.AddSingleton(sp => new LocalDynamoDb(sp.GetRequiredService<DynaliteSdkClient>(), options));
        services.AddSingleton<IHostedService>(sp => new EventSourceMappingRunner(
            sp.GetRequiredService<LocalDynamoDbStreams>(), sp.GetRequiredService<ILogger<EventSourceMappingRunner>>()));
        return services;
    }

    /// <summary>
    /// Serves the DynamoDB JSON 1.0 protocol at <paramref name="pathPrefix"/> (any method, any sub-path); clients use
    /// it as their endpoint, e.g. ServiceURL http://127.0.0.1:8080/local/dynamodb.
    /// </summary>
    public static IEndpointConventionBuilder MapLocalDynamoDb(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathPrefix);
        var group = endpoints.MapGroup(pathPrefix.TrimEnd('/'));
        group.Map("{**rest}", (HttpContext context) => context.RequestServices.GetRequiredService<DynamoDbProxy>().HandleAsync(context));
        return group;
    }
}
