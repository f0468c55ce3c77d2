namespace ImageLabelsLive.LocalAws.Lambda;

/// <summary>The function names the stand-ins invoke; the local host maps each to its handler.</summary>
public static class LocalFunctionNames
{
    public const string UploadUrl = "UploadUrl";
    public const string ListFeedImages = "ListFeedImages";
    public const string GetImage = "GetImage";
    public const string Connect = "Connect";
    public const string Disconnect = "Disconnect";
    public const string DefaultRoute = "DefaultRoute";
    public const string ProcessImage = "ProcessImage";
    public const string PushResults = "PushResults";
    public const string PushShard = "PushShard";
    public const string NotifyResults = "NotifyResults";
    public const string GetFeedLabels = "GetFeedLabels";
    public const string ExportFeed = "ExportFeed";
    public const string DeleteImage = "DeleteImage";
    public const string IndexFeed = "IndexFeed";
    public const string SweepStaleImages = "SweepStaleImages";
    public const string SubscribeToFeed = "SubscribeToFeed";
}
