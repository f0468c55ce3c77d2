using ImageLabelsLive.LocalAws.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.S3;

public static class LocalS3Extensions
{
    /// <summary>
    /// Registers the local S3 (<see cref="LocalS3Service"/>). The host must also register the <see cref="ILambdaInvoker"/>
    /// that ObjectCreated events go through; a <see cref="TimeProvider"/> is used if registered.
    /// </summary>
    public static IServiceCollection AddLocalS3(this IServiceCollection services, LocalS3Options options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => new S3ObjectStore(options));
        services.AddSingleton(sp => new S3EventNotifier(
            options,
            sp.GetRequiredService<ILambdaInvoker>(),
            sp.GetRequiredService<ILogger<S3EventNotifier>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LocalS3Service(
            options,
            sp.GetRequiredService<S3ObjectStore>(),
            sp.GetRequiredService<S3EventNotifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LocalS3Service>>()));
        return services;
    }

    /// <summary>
    /// Serves S3 path-style under <paramref name="pathPrefix"/> (e.g. "/local/s3": {prefix}/{bucket}/{key}); clients use
    /// ServiceURL http://127.0.0.1:PORT{prefix} with ForcePathStyle.
    /// </summary>
    public static IEndpointConventionBuilder MapLocalS3(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathPrefix);
        var prefix = "/" + pathPrefix.Trim('/');
        var service = endpoints.ServiceProvider.GetRequiredService<LocalS3Service>();
        var group = endpoints.MapGroup(prefix);
        group.Map("/", context => service.HandleAsync(context, prefix));
        group.Map("/{**s3Path}", context => service.HandleAsync(context, prefix));
        return group;
    }
}
