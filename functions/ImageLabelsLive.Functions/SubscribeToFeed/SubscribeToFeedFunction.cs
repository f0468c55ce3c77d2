using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Core.Subscriptions;
using ImageLabelsLive.Core.Web;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.SubscribeToFeed;

/// <summary>
/// POST /feeds/{feedId}/subscriptions {"email", "labels"?} → 202 {"status": "PendingConfirmation"}; 200 when the address
/// already has exactly this subscription; 400 InvalidFeedId, InvalidRequest, InvalidEmail, InvalidLabels;
/// 409 SubscribedWithOtherChoices; 429 TooManySubscriptions.
/// </summary>
public sealed class SubscribeToFeedFunction(SubscribeToFeedHandler handler) : HttpApiFunction
{
    public SubscribeToFeedFunction()
        : this(FunctionContainer.Instance.SubscribeToFeed())
    {
    }

    protected override async Task<APIGatewayHttpApiV2ProxyResponse> RespondAsync(APIGatewayHttpApiV2ProxyRequest request, CancellationToken cancellationToken)
    {
        var command = ReadBody(request, WebJson.Default.SubscribeToFeedCommand);
        var (answer, result, error) = await handler.HandleAsync(request.PathParameters.Get("feedId"), command, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            SubscribeToFeedAnswer.Accepted => HttpResponses.Json(HttpStatusCode.Accepted, result!, WebJson.Default.SubscribeToFeedResult),
            SubscribeToFeedAnswer.AlreadySubscribed => HttpResponses.Json(HttpStatusCode.OK, result!, WebJson.Default.SubscribeToFeedResult),
            SubscribeToFeedAnswer.Conflict => HttpResponses.Error(HttpStatusCode.Conflict, error!),
            SubscribeToFeedAnswer.TooMany => HttpResponses.Error(HttpStatusCode.TooManyRequests, error!),
            _ => HttpResponses.BadRequest(error!),
        };
    }
}
