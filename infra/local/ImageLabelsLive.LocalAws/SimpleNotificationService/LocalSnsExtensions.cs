using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

public static class LocalSnsExtensions
{
    /// <summary>Registers the local SNS (<see cref="LocalSnsService"/>); a <see cref="TimeProvider"/> is used if registered.</summary>
    public static IServiceCollection AddLocalSns(this IServiceCollection services, LocalSnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        // One line per delivery protocol: the subscriptions, filtering and links are shared.
        services.AddSingleton<ISnsProtocol>(_ => new SnsEmailProtocol(new SnsEmailSender(options)));
        services.AddSingleton(sp => new LocalSnsService(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LocalSnsService>>(),
            new SnsLambdaDelivery(options.LambdaSubscriptions, sp.GetService<Lambda.ILambdaInvoker>(), sp.GetRequiredService<ILogger<LocalSnsService>>()),
            sp.GetServices<ISnsProtocol>()));
        return services;
    }

    /// <summary>
    /// Serves SNS's Query protocol at <paramref name="pathPrefix"/> (e.g. "/local/sns", with or without a trailing
    /// slash); clients use ServiceURL / --endpoint-url http://127.0.0.1:PORT{prefix}.
    /// </summary>
    public static IEndpointConventionBuilder MapLocalSns(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathPrefix);
        var service = endpoints.ServiceProvider.GetRequiredService<LocalSnsService>();
        return endpoints.MapMethods("/" + pathPrefix.Trim('/'), [HttpMethods.Post, HttpMethods.Get], service.HandleAsync);
    }
}
