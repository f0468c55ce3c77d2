namespace ImageLabelsLive.LocalAws.Tests.DynamoDB;

/// <summary>
/// One real dynalite per test class (tests/Shared's <see cref="DynaliteProcess"/>: in memory, free 127.0.0.1 port,
/// killed on dispose). Tests share it by using their own table names.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteProcess? _process;

    public Uri Url => (_process ?? throw new InvalidOperationException("dynalite has not started")).Endpoint;

    public async Task InitializeAsync() => _process = await DynaliteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
