using ImageLabelsLive.LocalAws.SimpleNotificationService;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>
/// The filter-policy matcher against the examples of SNS's developer guide ("Amazon SNS example filter policies",
/// "attribute string value matching", "key matching"): the guide's message with the attributes customer_interests
/// (String.Array), store, event (String) and price_usd (Number).
/// </summary>
public class SnsFilterPolicyTests
{
    private static readonly SnsMessageAttribute[] GuideMessage =
    [
        new("customer_interests", "String.Array", "[\"soccer\", \"rugby\", \"hockey\"]"),
        new("store", "String", "example_corp"),
        new("event", "String", "order_placed"),
        new("price_usd", "Number", "210.75"),
    ];

    private static bool Matches(string policy, params SnsMessageAttribute[] attributes) =>
        SnsFilterPolicy.Parse(policy).Matches(attributes.Length == 0 ? GuideMessage : attributes);

    [Fact]
    public void Matches_GuidesPolicyThatAcceptsTheMessage_True() =>
        Matches("""
            {"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}],
             "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}
            """).ShouldBeTrue();

    [Theory]
    [InlineData("""{"store": ["example_corp"]}""", true)]
    [InlineData("""{"store": ["Example_Corp"]}""", false)]
    [InlineData("""{"store": ["other_corp", "example_corp"]}""", true)]
    [InlineData("""{"event": ["order_cancelled", "order_shipped"]}""", false)]
    public void Matches_ExactStringsAndAnyOf_AsTheGuideSays(string policy, bool expected) =>
        Matches(policy).ShouldBe(expected);

    [Theory]
    [InlineData("""{"customer_interests": ["rugby"]}""", true)]
    [InlineData("""{"customer_interests": ["tennis", "hockey"]}""", true)]
    [InlineData("""{"customer_interests": ["tennis"]}""", false)]
    [InlineData("""{"customer_interests": [{"prefix": "hock"}]}""", true)]
    public void Matches_StringArrayAttribute_AnyElementMatches(string policy, bool expected) =>
        Matches(policy).ShouldBe(expected);

    [Fact]
    public void Matches_EveryKeyMustMatch_AndAcrossKeys() =>
        Matches("""{"store": ["example_corp"], "event": ["order_cancelled"]}""").ShouldBeFalse();

    [Theory]
    [InlineData("""{"store": [{"exists": true}]}""", true)]
    [InlineData("""{"store": [{"exists": false}]}""", false)]
    [InlineData("""{"encrypted": [{"exists": false}]}""", true)]
    [InlineData("""{"encrypted": ["yes"]}""", false)]
    public void Matches_KeyMatchingAndMissingAttributes_AsTheGuideSays(string policy, bool expected) =>
        Matches(policy).ShouldBe(expected);

    [Theory]
    [InlineData("""{"price_usd": [210.75]}""", true)]
    [InlineData("""{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}""", false)]
    [InlineData("""{"price_usd": ["210.75"]}""", false)]
    public void Matches_NumberAttribute_NumericConditionsOnly(string policy, bool expected) =>
        Matches(policy).ShouldBe(expected);

    [Fact]
    public void Matches_ThisAppsPolicy_FeedAndAnyOfTheLabels()
    {
        const string policy = """{"feedId": ["feed-A"], "labels": ["Dog", "Cat"]}""";

        Matches(policy, new("feedId", "String", "feed-A"), new("status", "String", "labeled"), new("labels", "String.Array", "[\"Person\",\"Dog\"]")).ShouldBeTrue();
        Matches(policy, new("feedId", "String", "feed-B"), new("labels", "String.Array", "[\"Dog\"]")).ShouldBeFalse();
        Matches(policy, new("feedId", "String", "feed-A"), new("labels", "String.Array", "[\"dog\"]")).ShouldBeFalse();
        // A failed image carries an empty labels array: label filters do not get failures.
        Matches(policy, new("feedId", "String", "feed-A"), new("status", "String", "failed"), new("labels", "String.Array", "[]")).ShouldBeFalse();
        Matches("""{"feedId": ["feed-A"]}""", new("feedId", "String", "feed-A"), new("status", "String", "failed"), new("labels", "String.Array", "[]")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"store": "example_corp"}""")]
    [InlineData("""{"store": []}""")]
    [InlineData("""{"store": [{"wildcard": "ex*"}]}""")]
    [InlineData("""{"store": [{"prefix": 1}]}""")]
    [InlineData("""{"a": ["1"], "b": ["1"], "c": ["1"], "d": ["1"], "e": ["1"], "f": ["1"]}""")]
    public void Parse_InvalidOrUnsupported_InvalidParameter(string policy)
    {
        var refused = Should.Throw<SnsErrorException>(() => SnsFilterPolicy.Parse(policy));

        refused.Error.Code.ShouldBe("InvalidParameter");
        refused.Error.Message.ShouldStartWith("Invalid parameter: FilterPolicy: ");
    }
}
