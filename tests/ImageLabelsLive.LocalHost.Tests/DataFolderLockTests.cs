using ImageLabelsLive.LocalHost.Hosting;
using Shouldly;
using Xunit;

namespace ImageLabelsLive.LocalHost.Tests;

public sealed class DataFolderLockTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ill-lock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Acquire_FolderHeldByAnotherHost_ThrowsSayingWhatToDo()
    {
        using var first = DataFolderLock.Acquire(dataDirectory);

        var refused = Should.Throw<IOException>(() => DataFolderLock.Acquire(dataDirectory));

        refused.Message.ShouldContain(dataDirectory);
        refused.Message.ShouldContain("--data DIR");
    }

    [Fact]
    public void Acquire_AfterTheHolderLetGo_TakesTheFolder()
    {
        DataFolderLock.Acquire(dataDirectory).Dispose();

        using var again = DataFolderLock.Acquire(dataDirectory);

        File.Exists(Path.Combine(dataDirectory, DataFolderLock.FileName)).ShouldBeTrue();
    }

    [Fact]
    public void EmptyExceptLock_FolderWithData_LeavesOnlyTheHeldLock()
    {
        using var held = DataFolderLock.Acquire(dataDirectory);
        Directory.CreateDirectory(Path.Combine(dataDirectory, "s3", "bucket"));
        File.WriteAllText(Path.Combine(dataDirectory, "s3", "bucket", "object"), "bytes");
        File.WriteAllText(Path.Combine(dataDirectory, LocalKeyPairFile.FileName), "{}");

        DataFolderLock.EmptyExceptLock(dataDirectory);

        Directory.EnumerateFileSystemEntries(dataDirectory).Select(Path.GetFileName).ShouldBe([DataFolderLock.FileName]);
        Should.Throw<IOException>(() => DataFolderLock.Acquire(dataDirectory));
    }

    [Fact]
    public void RequireEmptiable_FolderOfSomeoneElsesFiles_ThrowsAndKeepsThem()
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, "holiday.jpg"), "bytes");

        var refused = Should.Throw<IOException>(() => DataFolderLock.RequireEmptiable(dataDirectory));

        refused.Message.ShouldContain("holiday.jpg");
        File.Exists(Path.Combine(dataDirectory, "holiday.jpg")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(DataFolderLock.FileName)]
    [InlineData(LocalKeyPairFile.FileName)]
    public void RequireEmptiable_FolderAnEarlierRunMade_Passes(string madeByTheApp)
    {
        Directory.CreateDirectory(Path.Combine(dataDirectory, "s3"));
        File.WriteAllText(Path.Combine(dataDirectory, madeByTheApp), "");

        Should.NotThrow(() => DataFolderLock.RequireEmptiable(dataDirectory));
    }

    [Fact]
    public void RequireEmptiable_NewOrEmptyFolder_Passes()
    {
        Should.NotThrow(() => DataFolderLock.RequireEmptiable(dataDirectory));
        Directory.CreateDirectory(dataDirectory);
        Should.NotThrow(() => DataFolderLock.RequireEmptiable(dataDirectory));
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
