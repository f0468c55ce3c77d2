namespace ImageLabelsLive.Core.Images;

/// <summary>uploading → processing → labeled | failed, and any of them → deleted. Never backwards, never from a final status except into deleted.</summary>
public static class StatusMachine
{
    public static bool CanMove(ImageStatus from, ImageStatus to) => (from, to) switch
    {
        (ImageStatus.Uploading, ImageStatus.Processing) => true,
        // An upload that never arrives intact may fail before processing starts.
        (ImageStatus.Uploading, ImageStatus.Failed) => true,
        (ImageStatus.Processing, ImageStatus.Labeled) => true,
        (ImageStatus.Processing, ImageStatus.Failed) => true,
        // Any image may be deleted, once.
        (not ImageStatus.Deleted, ImageStatus.Deleted) => true,
        _ => false,
    };
}
