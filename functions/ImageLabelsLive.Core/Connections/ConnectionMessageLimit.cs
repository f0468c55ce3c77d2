namespace ImageLabelsLive.Core.Connections;

/// <summary>
/// How many messages one socket may send to $default in a clock second. API Gateway throttles per stage only, so without
/// this one client looping messages could spend every tab's share of the stage's budget. The page sends one ping every
/// few minutes; ten a second is far above any honest client and far below what hurts others.
/// </summary>
public static class ConnectionMessageLimit
{
    public const int PerSecond = 10;

    /// <summary>The counting window a message at <paramref name="now"/> falls in: its Unix second.</summary>
    public static long WindowOf(DateTimeOffset now) => now.ToUnixTimeSeconds();
}
