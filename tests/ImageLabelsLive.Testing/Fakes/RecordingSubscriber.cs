using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>Records each subscribe call and answers <see cref="Next"/>, or throws <see cref="Failure"/> as a failing SNS call would.</summary>
public sealed class RecordingSubscriber : IFeedSubscriber
{
    public List<(string Email, string FilterPolicy)> Calls { get; } = [];

    public SubscribeOutcome Next { get; set; } = SubscribeOutcome.PendingConfirmation;

    public Exception? Failure { get; set; }

    public Task<SubscribeOutcome> SubscribeAsync(string email, string filterPolicy, CancellationToken cancellationToken)
    {
        Calls.Add((email, filterPolicy));
        return Failure is null ? Task.FromResult(Next) : Task.FromException<SubscribeOutcome>(Failure);
    }
}
