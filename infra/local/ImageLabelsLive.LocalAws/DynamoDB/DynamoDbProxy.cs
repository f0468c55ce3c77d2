using ImageLabelsLive.LocalAws.DynamoDBStreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// The DynamoDB endpoint: passes every request to dynalite and its answer back untouched (<see cref="DynaliteForwarder"/>),
/// and observes writes to streamed tables (<see cref="StreamedWritePlanner"/> finds their items,
/// <see cref="StreamedWriteRecorder"/> records their changes) to produce their stream records, and reports those streams
/// in DescribeTable (<see cref="StreamDescription"/>). Writes that bypass this endpoint (straight to dynalite) produce no
/// records.
/// </summary>
internal sealed class DynamoDbProxy
{
    private readonly DynaliteClient dynalite;
    private readonly TableShapes shapes;
    private readonly DynaliteForwarder forwarder;
    private readonly StreamedWritePlanner planner;
    private readonly StreamedWriteRecorder recorder;
    private readonly LocalDynamoDbStreams streams;
    private readonly ILogger logger;

    public DynamoDbProxy(DynaliteClient dynalite, TableShapes shapes, KeyedAsyncLock locks, LocalDynamoDbStreams streams, ILogger<DynamoDbProxy> logger)
    {
        this.dynalite = dynalite;
        this.shapes = shapes;
        this.streams = streams;
        this.logger = logger;
        forwarder = new DynaliteForwarder(dynalite);
        planner = new StreamedWritePlanner(shapes, streams);
        recorder = new StreamedWriteRecorder(dynalite, forwarder, locks, streams, logger);
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (StreamsApiRefusal.IsStreamsCall(context.Request))
        {
            await StreamsApiRefusal.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var body = await DynamoDbIncomingRequest.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var operation = DynamoDbIncomingRequest.Operation(context.Request);
        var writes = operation is "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem"
            ? await planner.PlanAsync(operation, body, context.RequestAborted).ConfigureAwait(false)
            : null;

        ForwardedResponse response;
        try
        {
            response = writes is null
                ? await forwarder.ForwardAsync(context.Request, body, context.RequestAborted).ConfigureAwait(false)
                : await recorder.ForwardAndRecordAsync(context.Request, body, writes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("dynalite at {Url} did not answer {Operation}: {Error}", dynalite.BaseAddress, operation, ex.Message);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("dynalite at {Url} timed out on {Operation}", dynalite.BaseAddress, operation);
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }

        if (operation is "CreateTable" or "DeleteTable" or "UpdateTable" && DynamoDbIncomingRequest.TableNameOf(body) is { } changedTable)
        {
            shapes.Forget(changedTable);
        }
        if (operation == "DescribeTable" && response.Status == System.Net.HttpStatusCode.OK
            && DynamoDbIncomingRequest.TableNameOf(body) is { } described
            && streams.StreamViewTypeOf(described) is { } viewType
            && await shapes.GetAsync(described, context.RequestAborted).ConfigureAwait(false) is { } shape)
        {
            response = StreamDescription.Add(response, viewType, shape.StreamArn);
        }
        logger.LogDebug("DynamoDB {Operation} -> {Status}", operation ?? context.Request.Method, response.Status);
        await response.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }
}
