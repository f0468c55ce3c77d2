using System.Text;
using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.SimpleNotificationService.Model.Internal.MarshallTransformations;

/// <summary>
/// Writes Publish as the Query protocol's form: Action, Version, then the members by their model names; the
/// MessageAttributes map as MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue.
/// Values are percent-encoded per RFC 3986, as the AWS SDKs do.
/// </summary>
internal static class PublishRequestMarshaller
{
    public const string ApiVersion = "2010-03-31";

    public static byte[] Marshall(PublishRequest request)
    {
        var form = new StringBuilder(256);
        Append(form, "Action", "Publish");
        Append(form, "Version", ApiVersion);
        Append(form, "TopicArn", request.TopicArn);
        Append(form, "TargetArn", request.TargetArn);
        Append(form, "PhoneNumber", request.PhoneNumber);
        Append(form, "Message", request.Message);
        Append(form, "Subject", request.Subject);
        Append(form, "MessageStructure", request.MessageStructure);
        if (request.MessageAttributes is { } attributes)
        {
            var index = 1;
            foreach (var (name, value) in attributes)
            {
                var prefix = "MessageAttributes.entry." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Append(form, prefix + ".Name", name);
                Append(form, prefix + ".Value.DataType", value?.DataType);
                Append(form, prefix + ".Value.StringValue", value?.StringValue);
                if (value?.BinaryValue is { } binary)
                {
                    Append(form, prefix + ".Value.BinaryValue", Convert.ToBase64String(binary.ToArray()));
                }
                index++;
            }
        }
        Append(form, "MessageDeduplicationId", request.MessageDeduplicationId);
        Append(form, "MessageGroupId", request.MessageGroupId);
        return Encoding.UTF8.GetBytes(form.ToString());
    }

    private static void Append(StringBuilder form, string name, string? value)
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
}

/// <summary>Reads &lt;PublishResponse&gt;&lt;PublishResult&gt;&lt;MessageId/&gt;&lt;SequenceNumber/&gt;&lt;/PublishResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;...</summary>
internal static class PublishResponseUnmarshaller
{
    public static PublishResponse Unmarshall(AwsResponse response)
    {
        var values = QueryResultReader.Read(response.Body, "MessageId", "SequenceNumber", QueryResultReader.RequestId);
        return new PublishResponse
        {
            HttpStatusCode = response.StatusCode,
            ContentLength = response.Body.LongLength,
            MessageId = values.GetValueOrDefault("MessageId"),
            SequenceNumber = values.GetValueOrDefault("SequenceNumber"),
            ResponseMetadata = QueryResultReader.Metadata(response, values),
        };
    }
}
