using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>The local SNS: the topics it serves and where their messages go (email over SMTP, e.g. to maildev).</summary>
public sealed record LocalSnsOptions
{
    /// <summary>The topics served; Publish to any other ARN is 404 NotFound.</summary>
    public required IReadOnlyList<string> TopicArns { get; init; }

    /// <summary>
    /// Lambda-protocol subscriptions (topic → function), as the CDK app subscribes PushShard to the push-shard topic.
    /// Their topics are served too; they are not emailed.
    /// </summary>
    public IReadOnlyList<SnsLambdaSubscription> LambdaSubscriptions { get; init; } = [];

    /// <summary>The local key pair: requests signed with it are verified; other signatures are accepted unverified.</summary>
    public required SigV4KeyPair Credentials { get; init; }

    public string SmtpHost { get; init; } = "127.0.0.1";

    public required int SmtpPort { get; init; }

    /// <summary>The From of every email, as SNS's email notifications come from no-reply@sns.amazonaws.com.</summary>
    public string From { get; init; } = "AWS Notifications <no-reply@sns.amazonaws.com>";

    /// <summary>
    /// The deploy-time email subscriptions (the operators' addresses): confirmed, with no filter policy, so they get every
    /// message. Added the first time a data folder is used.
    /// </summary>
    public IReadOnlyList<string> Recipients { get; init; } = ["you@imagelabels.local"];

    /// <summary>Where subscriptions persist (sns-subscriptions.json); null keeps them in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The subject when a Publish has none, as SNS's email protocol uses.</summary>
    public string DefaultSubject { get; init; } = "AWS Notification Message";

    /// <summary>Longest wait for the SMTP server per email.</summary>
    public TimeSpan SmtpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far a signature's timestamp may be from the host's clock (AWS allows 15 minutes).</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TopicArns);
        ArgumentNullException.ThrowIfNull(Credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(SmtpHost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SmtpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SmtpPort, 65535);
        ArgumentException.ThrowIfNullOrWhiteSpace(From);
        ArgumentNullException.ThrowIfNull(Recipients);
        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultSubject);
        foreach (var arn in TopicArns)
        {
            if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':').Length != 6)
            {
                throw new ArgumentException($"'{arn}' is not a topic ARN (arn:aws:sns:region:account:name).", nameof(TopicArns));
            }
        }
        _ = new System.Net.Mail.MailAddress(From);
        foreach (var recipient in Recipients)
        {
            _ = new System.Net.Mail.MailAddress(recipient);
        }
    }
}
