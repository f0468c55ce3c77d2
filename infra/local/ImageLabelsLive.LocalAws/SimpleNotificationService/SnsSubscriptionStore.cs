using System.Security.Cryptography;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>
/// The local SNS's subscriptions, kept in memory and, when a data folder is given, in sns-subscriptions.json there
/// (rewritten whole on each change, through a temporary file, so a crash leaves the old or the new list). The
/// deploy-time subscriptions are added, confirmed and without a filter policy, the first time a data folder is used,
/// as a deploy creates them once; an operator who unsubscribes stays unsubscribed across restarts.
/// </summary>
internal sealed class SnsSubscriptionStore
{
    public const string FileName = "sns-subscriptions.json";

    /// <summary>SNS deletes an unconfirmed subscription, and its token stops working, after three days.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(3);

    private readonly object gate = new();
    private readonly List<SnsSubscription> subscriptions;
    private readonly string? path;
    private readonly TimeProvider time;

    public SnsSubscriptionStore(LocalSnsOptions options, TimeProvider time)
    {
        this.time = time;
        path = options.DataDirectory is { } directory ? Path.Combine(directory, FileName) : null;
        if (path is not null && File.Exists(path))
        {
            subscriptions = JsonSerializer.Deserialize(File.ReadAllText(path), SnsJson.Default.ListSnsSubscription) ?? [];
            return;
        }
        subscriptions = [];
        foreach (var topicArn in options.TopicArns)
        {
            foreach (var recipient in options.Recipients)
            {
                subscriptions.Add(New(topicArn, "email", recipient, filterPolicy: null, confirmed: true));
            }
        }
        Save();
    }

    /// <summary>The subscription of this endpoint to this topic by this protocol, if any (SNS keeps at most one).</summary>
    public SnsSubscription? Find(string topicArn, string protocol, string endpoint)
    {
        lock (gate)
        {
            Purge();
            return subscriptions.FirstOrDefault(s => s.TopicArn == topicArn && s.Protocol == protocol && string.Equals(s.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase));
        }
    }

    public SnsSubscription Add(string topicArn, string protocol, string endpoint, string? filterPolicy, bool confirmed)
    {
        lock (gate)
        {
            var subscription = New(topicArn, protocol, endpoint, filterPolicy, confirmed);
            subscriptions.Add(subscription);
            Save();
            return subscription;
        }
    }

    /// <summary>Confirms the pending subscription with this token; a confirmed one answers again (the link may be followed twice).</summary>
    public SnsSubscription? Confirm(string topicArn, string token)
    {
        lock (gate)
        {
            Purge();
            var index = subscriptions.FindIndex(s => s.TopicArn == topicArn && s.ConfirmationToken == token);
            if (index < 0)
            {
                return null;
            }
            if (!subscriptions[index].Confirmed)
            {
                subscriptions[index] = subscriptions[index] with { Confirmed = true };
                Save();
            }
            return subscriptions[index];
        }
    }

    /// <summary>Deletes the subscription; false when there was none.</summary>
    public bool Remove(string subscriptionArn)
    {
        lock (gate)
        {
            var removed = subscriptions.RemoveAll(s => s.SubscriptionArn == subscriptionArn) > 0;
            if (removed)
            {
                Save();
            }
            return removed;
        }
    }

    public IReadOnlyList<SnsSubscription> ForTopic(string topicArn) => Where(s => s.TopicArn == topicArn);

    /// <summary>Every topic's subscriptions, in the order they were made.</summary>
    public IReadOnlyList<SnsSubscription> All() => Where(_ => true);

    private SnsSubscription[] Where(Func<SnsSubscription, bool> predicate)
    {
        lock (gate)
        {
            Purge();
            return subscriptions.Where(predicate).ToArray();
        }
    }

    private SnsSubscription New(string topicArn, string protocol, string endpoint, string? filterPolicy, bool confirmed) => new()
    {
        SubscriptionArn = topicArn + ":" + Guid.NewGuid().ToString(),
        TopicArn = topicArn,
        Protocol = protocol,
        Endpoint = endpoint,
        Owner = topicArn.Split(':')[4],
        FilterPolicy = filterPolicy,
        Confirmed = confirmed,
        // SNS's tokens are long hex strings; this one is 256 random bits.
        ConfirmationToken = confirmed ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = time.GetUtcNow(),
    };

    private void Purge()
    {
        var cutoff = time.GetUtcNow() - PendingLifetime;
        if (subscriptions.RemoveAll(s => !s.Confirmed && s.CreatedAt < cutoff) > 0)
        {
            Save();
        }
    }

    private void Save()
    {
        if (path is null)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(subscriptions, SnsJson.Default.ListSnsSubscription));
        File.Move(temporary, path, overwrite: true);
    }
}
