using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Notifications;

public class ResultEmailTests
{
    private static readonly Uri Site = new("https://app.example/");

    [Fact]
    public void Compose_Labeled_NamesFileListsLabelsAndLinksFeed()
    {
        var dog = new Label("Dog", 80.04, ["Pet", "Animal"], []);
        var image = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat, dog] };

        var email = ResultEmail.Compose(image, Site);

        email.Subject.ShouldBe("cat.png: Cat, Dog");
        email.Body.ShouldBe($"""
            Labels found in "cat.png":

              Cat 91.5%, 1 box
                  (Pet, Animal, Mammal)
              Dog 80.0%
                  (Pet, Animal)

            See the feed: https://app.example/?feed={Samples.FeedId}

            """.ReplaceLineEndings(Environment.NewLine));
    }

    [Fact]
    public void Compose_Failed_GivesTheReason()
    {
        var image = Samples.Record(ImageStatus.Failed) with { Error = new ImageError("NotAnImage", "\"cat.png\" is not a JPEG or PNG image.") };

        var email = ResultEmail.Compose(image, Site);

        email.Subject.ShouldBe("cat.png could not be labeled");
        email.Body.ShouldContain("is not a JPEG or PNG image.");
        email.Body.ShouldContain("?feed=" + Samples.FeedId);
    }

    [Fact]
    public void Subject_UnicodeAndLongName_IsOneLineOfAtMost100Ascii()
    {
        var image = Samples.Record(ImageStatus.Labeled) with { FileName = "fête 🐱 " + new string('x', 200), Labels = [Samples.Cat] };

        var subject = ResultEmail.Subject(image);

        subject.Length.ShouldBe(ResultEmail.MaxSubjectLength);
        subject.ShouldStartWith("f?te ?? x");
        subject.ShouldAllBe(c => c >= ' ' && c <= '~');
    }

    [Fact]
    public void Compose_LabeledWithoutLabels_SaysNoneFound() =>
        ResultEmail.Compose(Samples.Record(ImageStatus.Labeled), Site).Subject.ShouldBe("cat.png: no labels found");
}
