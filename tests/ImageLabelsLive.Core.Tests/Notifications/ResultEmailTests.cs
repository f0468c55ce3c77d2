using System.Text;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Notifications;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Notifications;

public class ResultEmailTests
{
    private static readonly Uri Site = new("https://app.example/");

    [Fact]
    public void Compose_Labeled_NamesFileListsLabelsAndLinksTheImagesCard()
    {
        var dog = new Label("Dog", 80.04, ["Pet", "Animal"], []);
        var image = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat, dog] };

        var email = ResultEmail.Compose(image, Site);

        email.Subject.ShouldBe("2 labels in cat.png: Cat, Dog");
        email.Body.ShouldBe($"""
            File: cat.png

            2 labels:
              Cat 91.5%, 1 box (Pet, Animal, Mammal)
              Dog 80.0% (Pet, Animal)

            Open it in its feed:
            https://app.example/?feed={Samples.FeedId}&image={image.ImageId}

            """.ReplaceLineEndings(Environment.NewLine));
    }

    [Fact]
    public void Compose_Labeled_CarriesStatusAndLabelNamesForFilterPolicies()
    {
        var dog = new Label("Dog", 80.04, ["Pet", "Animal"], []);
        var image = Samples.Record(ImageStatus.Labeled) with { Labels = [Samples.Cat, dog] };

        var email = ResultEmail.Compose(image, Site);

        email.FeedId.ShouldBe(Samples.FeedId);
        email.Status.ShouldBe("labeled");
        // Label names only: parents (Pet, Animal) are not labels a filter can ask for.
        email.Labels.ShouldBe(["Cat", "Dog"]);
    }

    [Fact]
    public void Compose_Failed_GivesTheReasonAndNoLabels()
    {
        var image = Samples.Record(ImageStatus.Failed) with { Error = new ImageError("NotAnImage", "\"cat.png\" is not a JPEG or PNG image.") };

        var email = ResultEmail.Compose(image, Site);

        email.Subject.ShouldBe("Could not label cat.png");
        email.Body.ShouldContain("It could not be labeled:");
        email.Body.ShouldContain("is not a JPEG or PNG image.");
        email.Body.ShouldContain($"?feed={Samples.FeedId}&image={image.ImageId}");
        email.Status.ShouldBe("failed");
        email.Labels.ShouldBeEmpty();
    }

    [Fact]
    public void Subject_ThreeLabels_CountsFileAndNames()
    {
        var image = Samples.Record(ImageStatus.Labeled) with
        {
            FileName = "dog.jpg",
            Labels = [new Label("Dog", 97, [], []), new Label("Person", 90, [], []), new Label("Bicycle", 80, [], [])],
        };

        ResultEmail.Subject(image).ShouldBe("3 labels in dog.jpg: Dog, Person, Bicycle");
    }

    [Fact]
    public void Subject_UnicodeAndLongName_IsOneLineOfAtMost100Ascii()
    {
        var image = Samples.Record(ImageStatus.Labeled) with { FileName = "fête 🐱 " + new string('x', 200), Labels = [Samples.Cat] };

        var subject = ResultEmail.Subject(image);

        subject.Length.ShouldBe(ResultEmail.MaxSubjectLength);
        subject.ShouldStartWith("1 label in f?te ?? x");
        subject.ShouldEndWith("...");
        subject.ShouldAllBe(c => c >= ' ' && c <= '~');
    }

    [Fact]
    public void Compose_LabeledWithoutLabels_SaysNoneFound()
    {
        var email = ResultEmail.Compose(Samples.Record(ImageStatus.Labeled), Site);

        email.Subject.ShouldBe("No labels in cat.png");
        email.Body.ShouldContain("No labels were found.");
    }

    [Fact]
    public void Sections_EachWritesOnlyForItsStatus_BodyKeepsTheirOrder()
    {
        ResultEmail.Sections.Select(section => section.GetType()).ShouldBe([typeof(FailureSection), typeof(LabelsSection)]);
        var labeled = new StringBuilder();
        new FailureSection().Write(Samples.Record(ImageStatus.Labeled), labeled);
        labeled.Length.ShouldBe(0);
        var failed = new StringBuilder();
        new LabelsSection().Write(Samples.Record(ImageStatus.Failed), failed);
        failed.Length.ShouldBe(0);
    }
}
