using System.Text.Json;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Subscriptions;
using ImageLabelsLive.Testing.Fakes;

namespace ImageLabelsLive.Core.Tests.Subscriptions;

public class SubscribeToFeedHandlerTests
{
    private const string Feed = "AAAAAAAAAAAAAAAAAAAAAA";
    private const string OtherFeed = "BBBBBBBBBBBBBBBBBBBBBB";

    private readonly CountingSubscriptionRequests counters = new();
    private readonly RecordingSubscriber subscriber = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));

    private SubscribeToFeedHandler Handler => new(counters, subscriber, clock);

    private static SubscribeToFeedCommand Command(string email, string? labels = null) =>
        new(email, labels is null ? null : JsonDocument.Parse(labels).RootElement.Clone());

    [Fact]
    public async Task HandleAsync_ValidRequest_SubscribesWithTheFeedsFilterPolicyAndAnswersPending()
    {
        var (answer, result, error) = await Handler.HandleAsync(Feed, Command("ann@example.com", "[\"Dog\"]"), default);

        answer.ShouldBe(SubscribeToFeedAnswer.Accepted);
        error.ShouldBeNull();
        result.ShouldNotBeNull().Status.ShouldBe("PendingConfirmation");
        subscriber.Calls.ShouldHaveSingleItem().ShouldBe(("ann@example.com", $"{{\"feedId\":[\"{Feed}\"],\"labels\":[\"Dog\"]}}"));
    }

    [Fact]
    public async Task HandleAsync_InvalidEmail_400AndNothingCountedOrSent()
    {
        var (answer, _, error) = await Handler.HandleAsync(Feed, Command("nope"), default);

        answer.ShouldBe(SubscribeToFeedAnswer.Invalid);
        error.ShouldNotBeNull().Code.ShouldBe("InvalidEmail");
        subscriber.Calls.ShouldBeEmpty();
        counters.Counts.Values.ShouldAllBe(count => count == 0);
    }

    [Fact]
    public async Task HandleAsync_SixthRequestForOneAddressInAnHour_TooManyAndNotSent()
    {
        for (var i = 0; i < SubscriptionRequestLimit.PerHour; i++)
        {
            subscriber.Next = SubscribeOutcome.PendingConfirmation;
            (await Handler.HandleAsync(i % 2 == 0 ? Feed : OtherFeed, Command("ann@example.com"), default)).Answer.ShouldBe(SubscribeToFeedAnswer.Accepted);
        }

        var (answer, _, error) = await Handler.HandleAsync(OtherFeed, Command("ANN@example.com"), default);

        answer.ShouldBe(SubscribeToFeedAnswer.TooMany);
        error.ShouldNotBeNull().Code.ShouldBe("TooManySubscriptions");
        error.Message.ShouldContain("10:00 UTC");
        subscriber.Calls.Count.ShouldBe(SubscriptionRequestLimit.PerHour);
        // The feed's slot taken before the address was refused is given back.
        counters.Counts.Where(c => c.Key.StartsWith("feed#" + OtherFeed, StringComparison.Ordinal)).Single().Value.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_SixthAddressForOneFeedInAnHour_TooMany()
    {
        for (var i = 0; i < SubscriptionRequestLimit.PerHour; i++)
        {
            await Handler.HandleAsync(Feed, Command($"person{i}@example.com"), default);
        }

        (await Handler.HandleAsync(Feed, Command("stranger@example.com"), default)).Answer.ShouldBe(SubscribeToFeedAnswer.TooMany);
        subscriber.Calls.Select(call => call.Email).ShouldNotContain("stranger@example.com");
    }

    [Fact]
    public async Task HandleAsync_NextHour_AllowedAgain()
    {
        for (var i = 0; i < SubscriptionRequestLimit.PerHour; i++)
        {
            await Handler.HandleAsync(Feed, Command($"person{i}@example.com"), default);
        }
        clock.Advance(TimeSpan.FromMinutes(31));

        (await Handler.HandleAsync(Feed, Command("late@example.com"), default)).Answer.ShouldBe(SubscribeToFeedAnswer.Accepted);
    }

    [Fact]
    public async Task HandleAsync_AddressSubscribedWithOtherChoices_409AndSlotsGivenBack()
    {
        subscriber.Next = SubscribeOutcome.SubscribedWithOtherChoices;

        var (answer, _, error) = await Handler.HandleAsync(Feed, Command("ann@example.com", "[\"Cat\"]"), default);

        answer.ShouldBe(SubscribeToFeedAnswer.Conflict);
        error.ShouldNotBeNull().Code.ShouldBe("SubscribedWithOtherChoices");
        counters.Counts.Values.ShouldAllBe(count => count == 0);
    }

    [Fact]
    public async Task HandleAsync_AlreadySubscribedSame_SubscribedAndNothingCounted()
    {
        subscriber.Next = SubscribeOutcome.AlreadySubscribed;

        var (answer, result, _) = await Handler.HandleAsync(Feed, Command("ann@example.com"), default);

        answer.ShouldBe(SubscribeToFeedAnswer.AlreadySubscribed);
        result.ShouldNotBeNull().Status.ShouldBe("Subscribed");
        counters.Counts.Values.ShouldAllBe(count => count == 0);
    }

    [Fact]
    public void AddressKey_CaseAndSpaces_SameHashNotTheAddress()
    {
        var key = SubscriptionRequestLimit.AddressKey("Ann@Example.com ");

        key.ShouldBe(SubscriptionRequestLimit.AddressKey("ann@example.com"));
        key.ShouldNotContain("example");
        key.Length.ShouldBe(64);
    }
}
