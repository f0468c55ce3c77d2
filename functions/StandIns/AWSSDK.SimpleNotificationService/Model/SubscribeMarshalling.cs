using System.Text;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.SimpleNotificationService.Model.Internal.MarshallTransformations;

/// <summary>
/// Writes Subscribe as the Query protocol's form: Action, Version, TopicArn, Protocol, Endpoint, the Attributes map as
/// Attributes.entry.N.key / Attributes.entry.N.value (the map's shapes carry no locationName), and ReturnSubscriptionArn.
/// </summary>
internal static class SubscribeRequestMarshaller
{
    public static byte[] Marshall(SubscribeRequest request)
    {
        var form = new QueryForm("Subscribe");
        form.Add("TopicArn", request.TopicArn);
        form.Add("Protocol", request.Protocol);
        form.Add("Endpoint", request.Endpoint);
        if (request.Attributes is { } attributes)
        {
            var index = 1;
            foreach (var (name, value) in attributes)
            {
                var prefix = "Attributes.entry." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                form.Add(prefix + ".key", name);
                form.Add(prefix + ".value", value);
                index++;
            }
        }
        if (request.ReturnSubscriptionArn is { } returnArn)
        {
            form.Add("ReturnSubscriptionArn", returnArn ? "true" : "false");
        }
        return form.ToBytes();
    }
}

/// <summary>Reads &lt;SubscribeResponse&gt;&lt;SubscribeResult&gt;&lt;SubscriptionArn/&gt;&lt;/SubscribeResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;...</summary>
internal static class SubscribeResponseUnmarshaller
{
    public static SubscribeResponse Unmarshall(AwsResponse response)
    {
        var values = QueryResultReader.Read(response.Body, "SubscriptionArn", QueryResultReader.RequestId);
        return new SubscribeResponse
        {
            HttpStatusCode = response.StatusCode,
            ContentLength = response.Body.LongLength,
            SubscriptionArn = values.GetValueOrDefault("SubscriptionArn"),
            ResponseMetadata = QueryResultReader.Metadata(response, values),
        };
    }
}

/// <summary>A Query-protocol form: Action and Version first, then members in order, percent-encoded per RFC 3986.</summary>
internal sealed class QueryForm
{
    private readonly StringBuilder form = new(256);

    public QueryForm(string action)
    {
        Add("Action", action);
        Add("Version", PublishRequestMarshaller.ApiVersion);
    }

    public void Add(string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        if (form.Length > 0)
        {
            form.Append('&');
        }
        form.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(form.ToString());
}
