using System.Text;
using ImageLabelsLive.Core.Export;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Export;

public class CsvExportWriterTests
{
    [Fact]
    public void Row_LabelWithParentsAndBoxes_JoinsParentsWithBarAndRoundsToOneDecimal()
    {
        var image = Samples.Record(ImageStatus.Labeled) with { ImageId = "0123456789abcdef0123456789abcdef" };

        var row = CsvExportWriter.Row(image, Samples.Cat with { Confidence = 91.46 });

        row.ShouldBe("0123456789abcdef0123456789abcdef,cat.png,labeled,Cat,91.5,Pet|Animal|Mammal,1,2026-11-21T09:00:00.000Z,2026-11-21T09:00:00.000Z");
    }

    [Theory]
    [InlineData("a,b.png", "\"a,b.png\"")]
    [InlineData("say \"hi\".png", "\"say \"\"hi\"\".png\"")]
    [InlineData("two\nlines.png", "\"two\nlines.png\"")]
    [InlineData("plain.png", "plain.png")]
    public void Quote_Rfc4180SpecialCharacters_AreQuotedAndQuotesDoubled(string field, string expected) =>
        CsvExportWriter.Quote(field).ShouldBe(expected);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\").jpg", "'=HYPERLINK(\"http://evil.example\",\"x\").jpg")]
    [InlineData("+1+2.jpg", "'+1+2.jpg")]
    [InlineData("-1.jpg", "'-1.jpg")]
    [InlineData("@SUM(A1).jpg", "'@SUM(A1).jpg")]
    [InlineData("\tcmd.jpg", "'\tcmd.jpg")]
    [InlineData("\rcmd.jpg", "'\rcmd.jpg")]
    [InlineData("a=b+c.jpg", "a=b+c.jpg")]
    [InlineData("", "")]
    public void Defuse_FieldASpreadsheetWouldRun_GetsALeadingApostrophe(string field, string expected) =>
        CsvExportWriter.Defuse(field).ShouldBe(expected);

    [Fact]
    public void Row_FileNameThatIsAFormula_IsDefusedThenQuoted()
    {
        var image = Samples.Record(ImageStatus.Labeled) with { ImageId = "0123456789abcdef0123456789abcdef", FileName = "=HYPERLINK(\"http://evil.example\").jpg" };

        var row = CsvExportWriter.Row(image, null);

        row.ShouldStartWith("0123456789abcdef0123456789abcdef,\"'=HYPERLINK(\"\"http://evil.example\"\").jpg\",labeled,");
    }

    [Fact]
    public async Task ExportFeedHandler_ImageWithoutLabelsAndOneWithTwo_WritesHeaderAndThreeCrlfRowsWithoutBom()
    {
        var images = new InMemoryImageStore();
        var plain = Samples.Record() with { CreatedAt = Samples.Start.AddSeconds(2), UpdatedAt = Samples.Start.AddSeconds(2) };
        var labeled = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat, new Label("Person", 80, [], [])] };
        await images.CreateAsync(plain, default);
        await images.CreateAsync(labeled, default);
        using var output = new MemoryStream();

        await new ExportFeedHandler(new InMemoryFeedQueries(images), new InMemoryStoredObjects(), TimeProvider.System)
            .WriteAsync(Samples.FeedId, ExportFormat.Csv, Samples.Start, output, default);

        var bytes = output.ToArray();
        bytes[0].ShouldBe((byte)'i');
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
        lines.Length.ShouldBe(5);
        lines[0].ShouldBe(CsvExportWriter.Header);
        lines[1].ShouldStartWith($"{plain.ImageId},cat.png,uploading,,,,,");
        lines[2].ShouldContain(",Cat,91.5,Pet|Animal|Mammal,1,");
        lines[3].ShouldContain(",Person,80.0,,0,");
        lines[4].ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_JsonFormat_StoresAnExportUnderExportsAndLinksToIt()
    {
        var images = new InMemoryImageStore();
        await images.CreateAsync(Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat] }, default);
        var objects = new InMemoryStoredObjects();

        var (link, error) = await new ExportFeedHandler(new InMemoryFeedQueries(images), objects, TimeProvider.System).HandleAsync(Samples.FeedId, "json", default);

        error.ShouldBeNull();
        var (key, body) = objects.Exports.ShouldHaveSingleItem();
        key.ShouldStartWith($"exports/{Samples.FeedId}/");
        link!.AbsoluteUri.ShouldContain(key);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        json.RootElement.GetProperty("feedId").GetString().ShouldBe(Samples.FeedId);
        json.RootElement.GetProperty("images")[0].GetProperty("labels")[0].GetProperty("name").GetString().ShouldBe("Cat");
    }

    [Fact]
    public async Task HandleAsync_UnknownFormat_IsInvalidFormat()
    {
        var (link, error) = await new ExportFeedHandler(new InMemoryFeedQueries(new InMemoryImageStore()), new InMemoryStoredObjects(), TimeProvider.System)
            .HandleAsync(Samples.FeedId, "xml", default);

        link.ShouldBeNull();
        error!.Code.ShouldBe("InvalidFormat");
    }
}
