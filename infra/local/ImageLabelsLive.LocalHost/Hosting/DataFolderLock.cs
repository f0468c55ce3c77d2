namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// One host per data folder. A second host on the same folder would share dynalite's files, the S3 objects and the
/// stream journal with the first, and a second start with <c>--fresh</c> would empty the folder under it, so the
/// second host stops before it touches anything. The lock is the kernel's (FileShare.None takes flock on Linux):
/// it goes with the process, so a killed host never leaves a stale one behind.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file, kept in the folder; <c>--fresh</c> empties everything else.</summary>
    public const string FileName = "host.lock";

    private readonly FileStream file;

    private DataFolderLock(FileStream file) => this.file = file;

    /// <summary>
    /// Takes the folder for a host (creating it), and with <paramref name="fresh"/> empties it but for the lock. Throws
    /// <see cref="IOException"/> saying what to do, having changed nothing, when another host holds the folder or
    /// <paramref name="fresh"/> meets a folder this app did not make.
    /// </summary>
    public static DataFolderLock Acquire(string dataDirectory, bool fresh)
    {
        if (fresh)
        {
            RequireEmptiable(dataDirectory);
        }
        var held = Acquire(dataDirectory);
        if (fresh)
        {
            EmptyExceptLock(dataDirectory);
        }
        return held;
    }

    /// <summary>Takes the folder (creating it), or throws <see cref="IOException"/> saying what to do when another host holds it.</summary>
    public static DataFolderLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception) when (IsHeldByAnother(exception))
        {
            throw new IOException(
                $"Another ImageLabelsLive host is using the data folder {dataDirectory}; nothing in it was changed. " +
                "Stop that host first (Ctrl-C where it runs), or start this one with its own folder: --data DIR, and --port N.",
                exception);
        }
    }

    /// <summary>
    /// Throws unless <c>--fresh</c> may empty the folder: one this app made (it holds the lock file or the host's key
    /// pair), an empty one, or none yet. A mistyped <c>--data</c> must not cost anyone their own files.
    /// </summary>
    public static void RequireEmptiable(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory)
            || File.Exists(Path.Combine(dataDirectory, FileName))
            || File.Exists(Path.Combine(dataDirectory, LocalKeyPairFile.FileName)))
        {
            return;
        }
        var found = Directory.EnumerateFileSystemEntries(dataDirectory).Select(Path.GetFileName).Take(3).ToArray();
        if (found.Length > 0)
        {
            throw new IOException(
                $"--fresh empties the data folder, and {dataDirectory} is not one ImageLabelsLive made (it holds {string.Join(", ", found)}); " +
                "nothing in it was changed. Name a new or empty folder with --data DIR.");
        }
    }

    /// <summary>Deletes everything in the folder but the lock itself, which this host goes on holding.</summary>
    public static void EmptyExceptLock(string dataDirectory)
    {
        foreach (var entry in new DirectoryInfo(dataDirectory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else if (entry.Name != FileName)
            {
                entry.Delete();
            }
        }
    }

    public void Dispose() => file.Dispose();

    /// <summary>
    /// The refusal of a lock another process holds: flock's EWOULDBLOCK (11) on Linux, ERROR_SHARING_VIOLATION on Windows.
    /// Other failures (a missing parent folder, a read-only disk) keep their own exception and message.
    /// </summary>
    private static bool IsHeldByAnother(IOException exception) =>
        exception.GetType() == typeof(IOException) && exception.HResult is 11 or unchecked((int)0x80070020);
}
