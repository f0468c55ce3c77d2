using System.Text;

namespace ImageLabelsLive.LocalAws.Durability;

/// <summary>
/// Each consumer's position in what it reads (like a shard iterator's checkpoint), one small file per consumer.
/// A write goes to a temporary file, is fsync'd and renamed over the old one, so a crash leaves the old position
/// or the new one: at worst the last batch is delivered again, never skipped.
/// </summary>
internal sealed class CheckpointStore
{
    private readonly string _directory;

    public CheckpointStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public string? Read(string consumer)
    {
        var path = PathOf(consumer);
        return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8).Trim() : null;
    }

    public void Write(string consumer, string position)
    {
        var path = PathOf(consumer);
        var temporary = path + ".writing";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(position));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string consumer)
    {
        foreach (var c in consumer)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException($"A consumer name is letters, digits, '-', '_' or '.'; got '{consumer}'.", nameof(consumer));
            }
        }
        return Path.Combine(_directory, consumer + ".checkpoint");
    }
}
