using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Tests.Images;

public class LabelSetTests
{
    [Fact]
    public void Normalize_UnorderedLabels_SortsByConfidenceDescending()
    {
        var labels = LabelSet.Normalize([new Label("Dog", 40, [], []), new Label("Cat", 90, [], []), new Label("Pet", 60, [], [])]);

        labels.Select(label => label.Name).ShouldBe(["Cat", "Pet", "Dog"]);
    }

    [Fact]
    public void Normalize_RepeatedName_KeepsTheMostConfident()
    {
        var labels = LabelSet.Normalize([new Label("Cat", 40, [], []), new Label("Cat", 80, ["Pet"], [])]);

        labels.ShouldHaveSingleItem().ShouldBe(labels[0] with { Confidence = 80 });
        labels[0].Parents.ShouldBe(["Pet"]);
    }

    [Fact]
    public void Normalize_BoxOverEdge_IsClampedInsideImage()
    {
        var label = new Label("Cat", 90, [], [new LabelInstance(90, new BoundingBox(-0.1, 0.5, 0.6, 0.7))]);

        var box = LabelSet.Normalize([label])[0].Instances[0].BoundingBox;

        box.Left.ShouldBe(0);
        box.Top.ShouldBe(0.5);
        box.Width.ShouldBe(0.6);
        box.Height.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void Normalize_EmptyBoxOrBlankName_IsDropped()
    {
        var labels = LabelSet.Normalize([
            new Label(" ", 90, [], []),
            new Label("Cat", 90, [], [new LabelInstance(90, new BoundingBox(0.2, 0.2, 0, 0.3))]),
        ]);

        labels.ShouldHaveSingleItem().Instances.ShouldBeEmpty();
    }

    [Fact]
    public void Normalize_ConfidenceOutOfRange_IsClampedAndRounded()
    {
        var labels = LabelSet.Normalize([new Label("Cat", 100.7, [], []), new Label("Dog", 55.55555, [], [])]);

        labels.Select(label => label.Confidence).ShouldBe([100, 55.56]);
    }
}
