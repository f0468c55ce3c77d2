using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using ImageLabelsLive.LocalAws.SimpleNotificationService;
using Microsoft.Extensions.DependencyInjection;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>The local SNS over real sockets, called with the Query protocol's form bodies as SNS clients send them.</summary>
public sealed class LocalSnsServiceTests(LocalSnsServer server) : IClassFixture<LocalSnsServer>, IDisposable
{
    private static readonly XNamespace Sns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Publish_FormBody_EmailsEachRecipientWithSubjectBodyAndAttributes()
    {
        server.Smtp.Drain();
        var message = "cat_chelsea.png: Cat 81.2%, Pet 81.2%\nhttp://127.0.0.1:8080/?feed=abc — ✓";

        using var response = await PostAsync(server.ServiceUrl + "/", Form(
            ("Action", "Publish"), ("Version", "2010-03-31"), ("TopicArn", LocalSnsServer.TopicArn),
            ("Subject", "Labels for cat_chelsea.png"), ("Message", message),
            ("MessageAttributes.entry.1.Name", "feedId"), ("MessageAttributes.entry.1.Value.DataType", "String"),
            ("MessageAttributes.entry.1.Value.StringValue", "abc")));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var root = XDocument.Parse(body).Root!;
        root.Name.ShouldBe(Sns + "PublishResponse");
        var messageId = root.Element(Sns + "PublishResult")!.Element(Sns + "MessageId")!.Value;
        Guid.TryParse(messageId, out _).ShouldBeTrue();
        root.Element(Sns + "ResponseMetadata")!.Element(Sns + "RequestId")!.Value.ShouldBe(response.Headers.GetValues("x-amzn-RequestId").Single());

        var emails = new[] { await server.Smtp.NextAsync(), await server.Smtp.NextAsync() };
        emails.SelectMany(e => e.Recipients).ShouldBe(LocalSnsServer.Recipients, ignoreOrder: true);
        foreach (var email in emails)
        {
            email.Recipients.Count.ShouldBe(1);
            email.Header("To").ShouldNotBeNull().ShouldContain(email.Recipients[0]);
            email.MailFrom.ShouldBe("no-reply@sns.amazonaws.com");
            email.Header("Subject").ShouldBe("Labels for cat_chelsea.png");
            email.Message.ShouldBe(message);
            email.Header("X-SNS-MessageId").ShouldBe(messageId);
            email.Header("X-SNS-TopicArn").ShouldBe(LocalSnsServer.TopicArn);
            email.Header("X-SNS-Attribute-feedId").ShouldBe("abc");
        }
    }

    [Fact]
    public async Task Publish_WithoutSubject_DefaultSubject()
    {
        server.Smtp.Drain();

        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "no subject")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Smtp.NextAsync()).Header("Subject").ShouldBe("AWS Notification Message");
    }

    [Fact]
    public async Task Publish_PlusInAFormValue_ReadAsASpace()
    {
        server.Smtp.Drain();

        using var response = await PostAsync(server.ServiceUrl, "Action=Publish&TopicArn=" + Uri.EscapeDataString(LocalSnsServer.TopicArn) + "&Subject=Two+words&Message=a%2Bb+c");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var email = await server.Smtp.NextAsync();
        email.Header("Subject").ShouldBe("Two words");
        email.Message.ShouldBe("a+b c");
    }

    [Fact]
    public async Task Publish_MessageStructureJson_EmailsTheEmailEntry()
    {
        server.Smtp.Drain();

        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn),
            ("MessageStructure", "json"), ("Message", "{\"default\":\"for everyone\",\"email\":\"for email\"}")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Smtp.NextAsync()).Message.ShouldBe("for email");
    }

    [Fact]
    public async Task Publish_SignedWithTheLocalKey_Accepted()
    {
        server.Smtp.Drain();
        using var signed = SignedClient(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey);

        using var response = await PostAsync(server.ServiceUrl + "/", Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "signed")), signed);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await server.Smtp.NextAsync()).Message.ShouldBe("signed");
    }

    [Fact]
    public async Task Publish_LocalKeyIdWithAnotherSecret_403SignatureDoesNotMatch()
    {
        server.Smtp.Drain();
        using var signed = SignedClient(server.Credentials.AccessKeyId, "not-the-secret");

        using var response = await PostAsync(server.ServiceUrl + "/", Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "forged")), signed);

        await ShouldBeSnsErrorAsync(response, HttpStatusCode.Forbidden, "Sender", "SignatureDoesNotMatch");
        server.Smtp.Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task Publish_SignedWithAnotherKey_AcceptedUnverified()
    {
        server.Smtp.Drain();
        using var signed = SignedClient("AKIAANYONE", "anything");

        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "foreign")), signed);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Smtp.NextAsync()).Message.ShouldBe("foreign");
    }

    [Fact]
    public async Task Publish_UnknownTopic_404NotFound()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", "arn:aws:sns:us-east-1:000000000000:nope"), ("Message", "x")));

        await ShouldBeSnsErrorAsync(response, HttpStatusCode.NotFound, "Sender", "NotFound");
    }

    [Fact]
    public async Task Publish_WithoutMessage_400InvalidParameter()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn)));

        await ShouldBeSnsErrorAsync(response, HttpStatusCode.BadRequest, "Sender", "InvalidParameter");
    }

    [Fact]
    public async Task Publish_SubjectWithALineBreak_400InvalidParameter()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "x"), ("Subject", "a\r\nBcc: x@y")));

        await ShouldBeSnsErrorAsync(response, HttpStatusCode.BadRequest, "Sender", "InvalidParameter");
    }

    [Fact]
    public async Task Publish_AttributeWithoutValue_400ParameterValueInvalid()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "x"),
            ("MessageAttributes.entry.1.Name", "feedId"), ("MessageAttributes.entry.1.Value.DataType", "String")));

        // The code SNS's model gives InvalidParameterValueException, which the SDKs map back to that exception.
        await ShouldBeSnsErrorAsync(response, HttpStatusCode.BadRequest, "Sender", "ParameterValueInvalid");
    }

    [Fact]
    public async Task UnsupportedAction_400InvalidAction()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "CreateTopic"), ("Name", "x")));

        var error = await ShouldBeSnsErrorAsync(response, HttpStatusCode.BadRequest, "Sender", "InvalidAction");
        error.ShouldContain("CreateTopic");
    }

    [Fact]
    public async Task ListTopics_AnyCaller_TheServedTopic()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "ListTopics")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Sns + "TopicArn").Select(e => e.Value)
            .ShouldBe([LocalSnsServer.TopicArn]);
    }

    [Fact]
    public async Task GetTopicAttributes_ServedTopic_ArnOwnerAndConfirmedOperatorAddresses()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "GetTopicAttributes"), ("TopicArn", LocalSnsServer.TopicArn)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var attributes = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Sns + "entry")
            .ToDictionary(e => e.Element(Sns + "key")!.Value, e => e.Element(Sns + "value")!.Value);
        attributes["TopicArn"].ShouldBe(LocalSnsServer.TopicArn);
        attributes["Owner"].ShouldBe("000000000000");
        int.Parse(attributes["SubscriptionsConfirmed"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(LocalSnsServer.Recipients.Length);
        attributes.ShouldContainKey("SubscriptionsPending");
    }

    [Fact]
    public async Task GetTopicAttributes_UnknownTopic_404NotFound()
    {
        using var response = await PostAsync(server.ServiceUrl, Form(("Action", "GetTopicAttributes"), ("TopicArn", "arn:aws:sns:us-east-1:000000000000:no-such-topic")));

        await ShouldBeSnsErrorAsync(response, HttpStatusCode.NotFound, "Sender", "NotFound");
    }

    [Fact]
    public async Task Publish_SmtpServerDown_500InternalError()
    {
        var closedPort = ClosedPort();
        var (app, serviceUrl) = await LocalSnsServer.StartAsync(server.Credentials, closedPort);
        try
        {
            using var response = await PostAsync(serviceUrl, Form(("Action", "Publish"), ("TopicArn", LocalSnsServer.TopicArn), ("Message", "lost")));

            await ShouldBeSnsErrorAsync(response, HttpStatusCode.InternalServerError, "Receiver", "InternalError");
            (await app.Services.GetRequiredService<LocalSnsService>().IsHealthyAsync()).ShouldBeFalse();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task IsHealthyAsync_SmtpServerListening_True()
    {
        var (app, _) = await LocalSnsServer.StartAsync(server.Credentials, server.Smtp.Port);
        try
        {
            (await app.Services.GetRequiredService<LocalSnsService>().IsHealthyAsync()).ShouldBeTrue();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    private async Task<HttpResponseMessage> PostAsync(string url, string form, HttpClient? client = null)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        return await (client ?? http).PostAsync(new Uri(url), content);
    }

    /// <summary>An HttpClient that signs every request with SigV4 for "sns", as the app's SNS client does.</summary>
    private static HttpClient SignedClient(string accessKeyId, string secretAccessKey) =>
        new(new SigV4SigningHandler(new BasicAWSCredentials(accessKeyId, secretAccessKey), RegionEndpoint.USEast1, "sns", new HttpClientHandler()));

    private static async Task<string> ShouldBeSnsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        var root = XDocument.Parse(body).Root!;
        root.Name.ShouldBe(Sns + "ErrorResponse");
        var error = root.Element(Sns + "Error")!;
        error.Element(Sns + "Type")!.Value.ShouldBe(type);
        error.Element(Sns + "Code")!.Value.ShouldBe(code);
        error.Element(Sns + "Message")!.Value.ShouldNotBeNullOrWhiteSpace();
        root.Element(Sns + "RequestId")!.Value.ShouldNotBeNullOrWhiteSpace();
        return error.Element(Sns + "Message")!.Value;
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
