using System.Text;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Durability;
using ImageLabelsLive.LocalAws.DynamoDBStreams;

namespace ImageLabelsLive.LocalAws.Tests.Durability;

public sealed class JournalTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "ill-journal-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void ReadLines_TornLastLine_IsLeftOutAndTheNextAppendStartsAFreshLine()
    {
        var path = Path.Combine(directory, "j.jsonl");
        using (var journal = new AppendOnlyJournal(path))
        {
            journal.Append("{\"a\":1}"u8);
        }
        File.AppendAllText(path, "{\"torn\":");

        using var reopened = new AppendOnlyJournal(path);
        reopened.Append("{\"b\":2}"u8);

        reopened.ReadLines().Select(l => Encoding.UTF8.GetString(l)).ShouldBe(["{\"a\":1}", "{\"torn\":", "{\"b\":2}"]);
    }

    [Fact]
    public void Load_IntentWithoutRecord_StaysOpenUntilSettledOrRecorded()
    {
        using var journal = new StreamJournal(Path.Combine(directory, "s.jsonl"));
        var key = new Dictionary<string, JsonElement> { ["imageId"] = JsonDocument.Parse("{\"S\":\"x\"}").RootElement };
        var open = journal.WriteIntent("Images", "arn", ["imageId"], key, before: null);
        var settled = journal.WriteIntent("Images", "arn", ["imageId"], key, before: null);
        var recorded = journal.WriteIntent("Images", "arn", ["imageId"], key, before: null);
        journal.Settle(settled);
        journal.WriteRecord("Images", Record("000000000000000000007"), DateTimeOffset.UnixEpoch, recorded);

        var contents = journal.Load();

        contents.OpenIntents.Select(i => i.Intent).ShouldBe([open]);
        contents.Records.ShouldHaveSingleItem().Record.Dynamodb.SequenceNumber.ShouldBe("000000000000000000007");
    }

    [Fact]
    public void Compact_KeepsOnlyWhatIsStillNeeded_AndIntentIdsKeepGrowing()
    {
        var path = Path.Combine(directory, "s.jsonl");
        long last;
        using (var journal = new StreamJournal(path))
        {
            var key = new Dictionary<string, JsonElement> { ["imageId"] = JsonDocument.Parse("{\"S\":\"x\"}").RootElement };
            journal.WriteRecord("Images", Record("000000000000000000001"), DateTimeOffset.UnixEpoch, null);
            journal.WriteRecord("Images", Record("000000000000000000002"), DateTimeOffset.UnixEpoch, null);
            last = journal.WriteIntent("Images", "arn", ["imageId"], key, before: null);
            var contents = journal.Load();
            journal.Compact(contents.Records.Where(r => r.Record.Dynamodb.SequenceNumber == "000000000000000000002"), contents.OpenIntents);
        }

        using var reopened = new StreamJournal(path);
        var after = reopened.Load();
        after.Records.ShouldHaveSingleItem().Record.Dynamodb.SequenceNumber.ShouldBe("000000000000000000002");
        after.OpenIntents.ShouldHaveSingleItem().Intent.ShouldBe(last);
        reopened.WriteIntent("Images", "arn", ["imageId"], new Dictionary<string, JsonElement>(), null).ShouldBeGreaterThan(last);
    }

    [Fact]
    public void Checkpoint_Written_IsReadBackAndReplacedWhole()
    {
        var checkpoints = new CheckpointStore(directory);

        checkpoints.Read("PushResults").ShouldBeNull();
        checkpoints.Write("PushResults", "000000000000000000005");
        checkpoints.Write("PushResults", "000000000000000000009");

        checkpoints.Read("PushResults").ShouldBe("000000000000000000009");
        Should.Throw<ArgumentException>(() => checkpoints.Write("../evil", "1"));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static DynamoDbStreamRecord Record(string sequenceNumber) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        EventName = "MODIFY",
        AwsRegion = "us-east-1",
        EventSourceArn = "arn",
        Dynamodb = new DynamoDbStreamRecordData
        {
            ApproximateCreationDateTime = 0,
            Keys = new Dictionary<string, JsonElement>(),
            SequenceNumber = sequenceNumber,
            SizeBytes = 0,
            StreamViewType = "NEW_AND_OLD_IMAGES",
        },
    };
}
