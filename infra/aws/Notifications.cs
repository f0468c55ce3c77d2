using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The encrypted topic that emails each result (and the stack's alarms). A customer-managed key rather than
/// aws/sns because CloudWatch alarms cannot publish to a topic under the AWS-managed key.
/// </summary>
internal sealed class Notifications : Construct
{
    public Notifications(Construct scope, string id, IReadOnlyList<string> emails)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(emails);
        Key = new Key(this, "Key", new KeyProps
        {
            Description = "Encrypts the ImageLabelsLive notification topic",
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(7),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowCloudWatchAlarmsToPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            // In a key policy "*" means this key.
            Resources = ["*"],
        }));

        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "ImageLabelsLive",
            MasterKey = Key,
            EnforceSSL = true,
        });
        // A topic policy replaces SNS's default one, which is what let CloudWatch publish; say so explicitly.
        // (Adding a statement is also what makes CDK 2.160 emit the EnforceSSL deny.)
        var stack = Stack.Of(this);
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowThisAccountsAlarmsToPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = $"arn:{stack.Partition}:cloudwatch:{stack.Region}:{stack.Account}:alarm:*",
                },
            },
        }));
        foreach (var email in emails)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }

        if (emails.Count == 0)
        {
            Annotations.Of(this).AddWarning(
                $"No email subscriptions: pass -c {InfraSettings.NotifyEmailsKey}=you@example.com to receive results and alarms.");
        }
    }

    public Key Key { get; }

    public Topic Topic { get; }
}
