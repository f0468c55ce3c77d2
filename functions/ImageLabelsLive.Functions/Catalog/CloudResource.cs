namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// The app's resources as the catalog names them; the CDK app resolves each to an ARN (or a name) when it grants
/// access, so a function's permissions are written once, beside its trigger and settings.
/// </summary>
public enum CloudResource
{
    ImagesTable,
    ImagesByFeedIndex,
    ImagesUnfinishedIndex,
    ConnectionsTable,
    ConnectionsByFeedIndex,
    FeedIndexTable,
    SubscriptionRequestsTable,

    /// <summary>Objects under uploads/ in the upload bucket.</summary>
    UploadObjects,

    /// <summary>The upload bucket itself (listing; with it S3 answers a HEAD of a missing key 404, not 403).</summary>
    UploadBucket,

    /// <summary>Objects under exports/ in the upload bucket.</summary>
    ExportObjects,

    /// <summary>The results topic (emails); publishing also needs its key.</summary>
    ResultsTopic,

    /// <summary>The push-shard topic (PushResults → PushShard); publishing also needs its key.</summary>
    PushShardTopic,

    /// <summary>POST /@connections/{id} on the WebSocket API's stage.</summary>
    PostToConnections,

    /// <summary>DELETE /@connections/{id} on the WebSocket API's stage.</summary>
    CloseConnections,

    /// <summary>Rekognition's image analyses, which have no resource-level permissions ("*").</summary>
    ImageAnalyses,
}
