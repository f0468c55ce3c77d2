using ImageLabelsLive.Core.FeedHistory;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.FeedHistory;

public class FeedCursorTests
{
    private static readonly string Scope = FeedCursor.Scope(Samples.FeedId, [], null);

    [Fact]
    public void Decode_EncodedPosition_ReturnsTheSamePosition()
    {
        var position = new FeedPosition(Samples.Start.AddTicks(1234), ImageIds.New());

        var (decoded, error) = FeedCursor.Decode(FeedCursor.Encode(Scope, position), Scope);

        error.ShouldBeNull();
        decoded.ShouldBe(position);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not a cursor!")]
    [InlineData("MXxhYmN8MTJ8enp6")]
    [InlineData("%%%")]
    public void Decode_Garbage_IsInvalidCursor(string cursor)
    {
        var (decoded, error) = FeedCursor.Decode(cursor, Scope);

        decoded.ShouldBeNull();
        error!.Code.ShouldBe("InvalidCursor");
        error.Message.ShouldContain("nextCursor");
    }

    [Fact]
    public void Decode_CursorOfAnotherListing_IsInvalidCursorNamingTheListing()
    {
        var cursor = FeedCursor.Encode(FeedCursor.Scope(Samples.FeedId, ["DOG"], null), new FeedPosition(Samples.Start, ImageIds.New()));

        var (decoded, error) = FeedCursor.Decode(cursor, Scope);

        decoded.ShouldBeNull();
        error!.Code.ShouldBe("InvalidCursor");
        error.Message.ShouldContain("another listing");
    }

    [Fact]
    public void Scope_LabelsInAnyOrder_AreTheSameListing() =>
        FeedCursor.Scope(Samples.FeedId, ["DOG", "CAT"], null).ShouldBe(FeedCursor.Scope(Samples.FeedId, ["CAT", "DOG"], null));
}
