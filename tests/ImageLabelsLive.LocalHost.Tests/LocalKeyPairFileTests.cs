using ImageLabelsLive.LocalHost.Hosting;
using Shouldly;
using Xunit;

namespace ImageLabelsLive.LocalHost.Tests;

public sealed class LocalKeyPairFileTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ill-keypair-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void LoadOrCreate_AfterSave_ReturnsTheSavedPair()
    {
        var first = LocalKeyPairFile.LoadOrCreate(dataDirectory, fresh: false);
        LocalKeyPairFile.Save(dataDirectory, first);

        var again = LocalKeyPairFile.LoadOrCreate(dataDirectory, fresh: false);

        again.AccessKeyId.ShouldBe(first.AccessKeyId);
        again.SecretAccessKey.ShouldBe(first.SecretAccessKey);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(dataDirectory, LocalKeyPairFile.FileName)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void LoadOrCreate_Fresh_ReturnsANewPair()
    {
        var kept = LocalKeyPairFile.LoadOrCreate(dataDirectory, fresh: false);
        LocalKeyPairFile.Save(dataDirectory, kept);

        LocalKeyPairFile.LoadOrCreate(dataDirectory, fresh: true).AccessKeyId.ShouldNotBe(kept.AccessKeyId);
    }

    [Fact]
    public void LoadOrCreate_DamagedFile_ReturnsANewPair()
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, LocalKeyPairFile.FileName), "{not json");

        LocalKeyPairFile.LoadOrCreate(dataDirectory, fresh: false).AccessKeyId.ShouldStartWith("AKIALOCAL");
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
