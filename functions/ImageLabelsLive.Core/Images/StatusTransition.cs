namespace ImageLabelsLive.Core.Images;

/// <summary>
/// The result of asking a record to move. When <see cref="IsWriteNeeded"/> is false the move was a
/// repeat or went backwards, and nothing is written or sent. A write must be conditional on
/// <see cref="ExpectedStatus"/>, so two concurrent movers cannot both win.
/// </summary>
public sealed record StatusTransition(ImageRecord Record, ImageStatus ExpectedStatus, bool IsWriteNeeded)
{
    public static StatusTransition Unchanged(ImageRecord record) => new(record, record.Status, IsWriteNeeded: false);
}
