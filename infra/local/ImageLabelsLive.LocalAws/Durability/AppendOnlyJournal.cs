namespace ImageLabelsLive.LocalAws.Durability;

/// <summary>
/// A JSON Lines file that only grows: each line is written and fsync'd before <see cref="Append"/> returns, so what
/// it holds survives a kill -9 or a power cut. A line torn by a crash mid-write is the last one and has no newline;
/// <see cref="ReadLines"/> leaves it out, and the next append starts on a fresh line.
/// </summary>
internal sealed class AppendOnlyJournal : IDisposable
{
    private readonly object _writeLock = new();
    private FileStream _file;

    public AppendOnlyJournal(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _file = OpenForAppend(Path);
    }

    public string Path { get; }

    /// <summary>Every complete line in the file, oldest first.</summary>
    public IReadOnlyList<byte[]> ReadLines()
    {
        lock (_writeLock)
        {
            return ReadCompleteLines(Path);
        }
    }

    /// <summary>Appends one line (without its newline) and returns once it is on disk.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        lock (_writeLock)
        {
            _file.Write(line);
            _file.WriteByte((byte)'\n');
            _file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="lines"/> (compaction): written to a temporary file, fsync'd and renamed
    /// over the journal, so a crash leaves either the old file or the new one, never a mix.
    /// </summary>
    public void Rewrite(IEnumerable<byte[]> lines)
    {
        lock (_writeLock)
        {
            var temporary = Path + ".compacting";
            using (var compacted = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var line in lines)
                {
                    compacted.Write(line);
                    compacted.WriteByte((byte)'\n');
                }
                compacted.Flush(flushToDisk: true);
            }
            _file.Dispose();
            File.Move(temporary, Path, overwrite: true);
            _file = OpenForAppend(Path);
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _file.Dispose();
        }
    }

    private static FileStream OpenForAppend(string path)
    {
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        // A torn last line (no newline) is ended here, so the next entry is not glued to it.
        if (file.Length > 0 && LastByte(path) != (byte)'\n')
        {
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }
        return file;
    }

    private static int LastByte(string path)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        return reader.ReadByte();
    }

    private static List<byte[]> ReadCompleteLines(string path)
    {
        var lines = new List<byte[]>();
        if (!File.Exists(path))
        {
            return lines;
        }
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }
            if (i > start)
            {
                lines.Add(bytes[start..i]);
            }
            start = i + 1;
        }
        return lines;
    }
}
