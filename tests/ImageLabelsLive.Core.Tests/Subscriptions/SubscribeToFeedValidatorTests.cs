using System.Text.Json;
using ImageLabelsLive.Core.Subscriptions;

namespace ImageLabelsLive.Core.Tests.Subscriptions;

public class SubscribeToFeedValidatorTests
{
    private const string Feed = "AAAAAAAAAAAAAAAAAAAAAA";

    private static SubscribeToFeedCommand Command(string? email, string? labelsJson = null) =>
        new(email, labelsJson is null ? null : JsonDocument.Parse(labelsJson).RootElement.Clone());

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("  ann.lee+photos@mail.example.co.uk ")]
    [InlineData("you@imagelabels.local")]
    public void Validate_PlainAddress_AcceptedTrimmed(string email)
    {
        var (subscription, error) = SubscribeToFeedValidator.Validate(Feed, Command(email));

        error.ShouldBeNull();
        subscription.ShouldNotBeNull().Email.ShouldBe(email.Trim());
        subscription.Labels.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("ann@localhost")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com, bob@example.com")]
    [InlineData("ann @example.com")]
    [InlineData("ann@example.com\r\nBcc: x@example.com")]
    [InlineData("@example.com")]
    public void Validate_NotOneAddress_InvalidEmail(string? email) =>
        SubscribeToFeedValidator.Validate(Feed, Command(email)).Error.ShouldNotBeNull().Code.ShouldBe("InvalidEmail");

    [Fact]
    public void Validate_AddressLongerThan254_InvalidEmail() =>
        SubscribeToFeedValidator.Validate(Feed, Command(new string('a', 250) + "@example.com")).Error.ShouldNotBeNull().Code.ShouldBe("InvalidEmail");

    [Theory]
    [InlineData("\"Dog\"")]
    [InlineData("{\"Dog\": true}")]
    [InlineData("[1]")]
    [InlineData("[\"\"]")]
    [InlineData("[\"  \"]")]
    [InlineData("[null]")]
    [InlineData("[\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"H\",\"I\",\"J\",\"K\"]")]
    public void Validate_LabelsNotAShortListOfNames_InvalidLabels(string labels) =>
        SubscribeToFeedValidator.Validate(Feed, Command("ann@example.com", labels)).Error.ShouldNotBeNull().Code.ShouldBe("InvalidLabels");

    [Fact]
    public void Validate_LabelLongerThan100_InvalidLabels() =>
        SubscribeToFeedValidator.Validate(Feed, Command("ann@example.com", $"[\"{new string('x', 101)}\"]")).Error.ShouldNotBeNull().Code.ShouldBe("InvalidLabels");

    [Fact]
    public void Validate_LabelsWithRepeatsAndSpaces_TrimmedUniqueCaseKept()
    {
        var (subscription, _) = SubscribeToFeedValidator.Validate(Feed, Command("ann@example.com", "[\" Dog\", \"Dog\", \"dog\", \"Mobile Phone\"]"));

        subscription.ShouldNotBeNull().Labels.ShouldBe(["Dog", "dog", "Mobile Phone"]);
    }

    [Fact]
    public void Validate_LabelsNull_EveryImage() =>
        SubscribeToFeedValidator.Validate(Feed, Command("ann@example.com", "null")).Subscription.ShouldNotBeNull().Labels.ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA/A")]
    public void Validate_BadFeedId_InvalidFeedId(string? feedId) =>
        SubscribeToFeedValidator.Validate(feedId, Command("ann@example.com")).Error.ShouldNotBeNull().Code.ShouldBe("InvalidFeedId");

    [Fact]
    public void Validate_NoBody_InvalidRequest() =>
        SubscribeToFeedValidator.Validate(Feed, null).Error.ShouldNotBeNull().Code.ShouldBe("InvalidRequest");

    [Fact]
    public void FeedFilterPolicy_WithLabels_FeedIdAndLabelsArrays() =>
        FeedFilterPolicy.For(new FeedSubscription(Feed, "ann@example.com", ["Dog", "Mobile \"Phone\""]))
            .ShouldBe($"{{\"feedId\":[\"{Feed}\"],\"labels\":[\"Dog\",\"Mobile \\u0022Phone\\u0022\"]}}");

    [Fact]
    public void FeedFilterPolicy_WithoutLabels_FeedIdOnly() =>
        FeedFilterPolicy.For(new FeedSubscription(Feed, "ann@example.com", [])).ShouldBe($"{{\"feedId\":[\"{Feed}\"]}}");
}
