namespace ImageLabelsLive.LocalAws.DynamoDBStreams;

/// <summary>DynamoDB's StreamViewType values: which images a stream record carries.</summary>
public static class StreamViewTypes
{
    public const string KeysOnly = "KEYS_ONLY";
    public const string NewImage = "NEW_IMAGE";
    public const string OldImage = "OLD_IMAGE";
    public const string NewAndOldImages = "NEW_AND_OLD_IMAGES";

    internal static bool IsValid(string value) =>
        value is KeysOnly or NewImage or OldImage or NewAndOldImages;

    internal static bool CarriesNewImage(string value) => value is NewImage or NewAndOldImages;

    internal static bool CarriesOldImage(string value) => value is OldImage or NewAndOldImages;
}
