using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ImageLabelsLive.LocalHost.Hosting;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>
/// The host looks after its sidecars: restarts one that dies, and takes them all down when it stops. It keeps its data
/// folder to itself.
/// </summary>
[Collection(SharedLocalApp.Name)]
public sealed class HostLifecycleTests(LocalAppFixture stack)
{
    [Fact]
    public async Task Sidecar_KilledDetector_IsRestartedAndLogged()
    {
        var detectorPort = new Uri(stack.Endpoints.Rekognition).Port;
        var before = await RestartsOfAsync("detector");

        Pkill($"detector/server.js --port {detectorPort}").ShouldBe(0, "the detector process was not found");

        await AppClient.EventuallyAsync(async () => await RestartsOfAsync("detector") > before && await StateOfAsync("detector") == "up", TimeSpan.FromSeconds(60));
        stack.App.Log.ShouldContain("detector exited with code");
    }

    [Fact]
    public async Task Host_Sigterm_ExitsCleanlyAndStopsEverySidecar()
    {
        var app = await LocalAppProcess.StartAsync(stack.Http);
        var dataDirectory = app.DataDirectory;
        Pgrep(dataDirectory).ShouldBeGreaterThan(0, "the sidecars should be running with the host's data folder");

        var exitCode = await app.StopAsync(TimeSpan.FromSeconds(30));

        exitCode.ShouldBe(0, app.Log);
        await AppClient.EventuallyAsync(() => Task.FromResult(Pgrep(dataDirectory) == 0), TimeSpan.FromSeconds(15));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Host_SecondOnTheSameDataFolderWithFresh_StopsAndLeavesTheFirstsDataAlone()
    {
        var keyPairFile = Path.Combine(stack.App.DataDirectory, LocalKeyPairFile.FileName);
        var keyPair = await File.ReadAllTextAsync(keyPairFile);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SharedData.RepositoryRoot };
        foreach (var argument in new[] { ServerProcess.LocalHostAssembly(), "--port", ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--data", stack.App.DataDirectory, "--fresh" })
        {
            start.ArgumentList.Add(argument);
        }

        using var second = ServerProcess.Start(start);

        (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the second host should stop by itself");
        second.ExitCode.ShouldBe(1, second.Log);
        second.Log.ShouldContain($"Another ImageLabelsLive host is using the data folder {stack.App.DataDirectory}");
        // --fresh would have emptied the folder and written a new key pair.
        (await File.ReadAllTextAsync(keyPairFile)).ShouldBe(keyPair);
        Directory.Exists(Path.Combine(stack.App.DataDirectory, "dynamodb")).ShouldBeTrue();
        (await PartAsync("dynalite")).GetProperty("state").GetString().ShouldBe("up");
    }

    [Fact]
    public void Host_Running_WatchesNoFolders()
    {
        // The host reads no configuration file; a watch for one covers every folder of the repository and wakes on
        // every journal write (2,870 inotify watches before; the CPU showed in a pipeline profile).
        var descriptors = new DirectoryInfo($"/proc/{stack.App.ProcessId}/fd");
        descriptors.Exists.ShouldBeTrue("the local host runs on Linux, which lists a process's descriptors in /proc");

        var watches = descriptors.EnumerateFileSystemInfos()
            .Where(descriptor => descriptor.LinkTarget == "anon_inode:inotify")
            .Sum(descriptor => File.ReadLines($"/proc/{stack.App.ProcessId}/fdinfo/{descriptor.Name}").Count(line => line.StartsWith("inotify ", StringComparison.Ordinal)));

        watches.ShouldBe(0);
    }

    /// <summary>One part of /health, which answers 503 (with the same body) while a part is down.</summary>
    private async Task<JsonElement> PartAsync(string name)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.BaseUrl, "health"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").GetProperty(name);
    }

    private async Task<int> RestartsOfAsync(string name) => (await PartAsync(name)).GetProperty("restarts").GetInt32();

    private async Task<string?> StateOfAsync(string name) => (await PartAsync(name)).GetProperty("state").GetString();

    private static int Pkill(string pattern) => Run("pkill", "-f", pattern);

    /// <summary>How many processes have <paramref name="pattern"/> in their command line.</summary>
    private static int Pgrep(string pattern)
    {
        using var process = Process.Start(new ProcessStartInfo("pgrep", ["-f", pattern]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static int Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
