using FsCheck;
using FsCheck.Fluent;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Images;

public class StatusMachineTests
{
    [Theory]
    [InlineData(ImageStatus.Uploading, ImageStatus.Processing, true)]
    [InlineData(ImageStatus.Uploading, ImageStatus.Failed, true)]
    [InlineData(ImageStatus.Processing, ImageStatus.Labeled, true)]
    [InlineData(ImageStatus.Processing, ImageStatus.Failed, true)]
    [InlineData(ImageStatus.Uploading, ImageStatus.Labeled, false)]
    [InlineData(ImageStatus.Processing, ImageStatus.Uploading, false)]
    [InlineData(ImageStatus.Processing, ImageStatus.Processing, false)]
    [InlineData(ImageStatus.Labeled, ImageStatus.Failed, false)]
    [InlineData(ImageStatus.Failed, ImageStatus.Labeled, false)]
    [InlineData(ImageStatus.Labeled, ImageStatus.Processing, false)]
    public void CanMove_Pair_FollowsTheDesign(ImageStatus from, ImageStatus to, bool allowed) =>
        StatusMachine.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void StartProcessing_FromUploading_NeedsConditionalWrite()
    {
        var record = Samples.Record();
        var later = Samples.Start.AddSeconds(3);

        var transition = record.StartProcessing(later);

        transition.IsWriteNeeded.ShouldBeTrue();
        transition.ExpectedStatus.ShouldBe(ImageStatus.Uploading);
        transition.Record.Status.ShouldBe(ImageStatus.Processing);
        transition.Record.UpdatedAt.ShouldBe(later);
        transition.Record.CreatedAt.ShouldBe(record.CreatedAt);
    }

    [Fact]
    public void StartProcessing_AlreadyLabeled_NeedsNoWriteAndKeepsLabels()
    {
        var labeled = Samples.Record(ImageStatus.Processing).Label([Samples.Cat], Samples.Start).Record;

        var transition = labeled.StartProcessing(Samples.Start.AddMinutes(1));

        transition.IsWriteNeeded.ShouldBeFalse();
        transition.Record.ShouldBeSameAs(labeled);
        transition.Record.Labels.ShouldHaveSingleItem().Name.ShouldBe("Cat");
    }

    [Fact]
    public void Fail_FromProcessing_KeepsErrorAndDropsLabels()
    {
        var error = new ImageError("NotAnImage", "not an image");

        var failed = Samples.Record(ImageStatus.Processing).Fail(error, Samples.Start).Record;

        failed.Status.ShouldBe(ImageStatus.Failed);
        failed.Error.ShouldBe(error);
        failed.Labels.ShouldBeEmpty();
    }

    [Fact]
    public void MoveSequence_AnyOrderOfAttempts_StatusNeverMovesBackwards()
    {
        var moves = Gen.Elements(0, 1, 2, 3).ListOf().ToArbitrary();
        Prop.ForAll(moves, attempts =>
        {
            var record = Samples.Record();
            foreach (var attempt in attempts)
            {
                var before = record.Status;
                var transition = attempt switch
                {
                    0 => record.StartProcessing(Samples.Start),
                    1 => record.Label([Samples.Cat], Samples.Start),
                    _ => record.Fail(new ImageError("X", "x"), Samples.Start),
                };
                if (transition.IsWriteNeeded && Rank(transition.Record.Status) <= Rank(before))
                {
                    return false;
                }
                if (!transition.IsWriteNeeded && transition.Record != record)
                {
                    return false;
                }
                record = transition.Record;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static int Rank(ImageStatus status) => status switch
    {
        ImageStatus.Uploading => 0,
        ImageStatus.Processing => 1,
        _ => 2,
    };
}
