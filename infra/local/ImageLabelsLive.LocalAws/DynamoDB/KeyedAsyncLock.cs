namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// Serializes the endpoint's writes per item: an async lock per key, created on demand and dropped when unused.
/// Waiters are served in arrival order (SemaphoreSlim queues async waiters first in, first out).
/// </summary>
internal sealed class KeyedAsyncLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Takes every key's lock, in ordinal order so that two multi-key writers cannot deadlock.</summary>
    public async Task<Releaser> AcquireAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var held = new List<Entry>(ordered.Length);
        try
        {
            foreach (var key in ordered)
            {
                var entry = Reference(key);
                try
                {
                    await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Unreference(entry);
                    throw;
                }
                held.Add(entry);
            }
        }
        catch
        {
            new Releaser(this, held).Dispose();
            throw;
        }
        return new Releaser(this, held);
    }

    private Entry Reference(string key)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(key);
                _entries[key] = entry;
            }
            entry.References++;
            return entry;
        }
    }

    private void Unreference(Entry entry)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(entry.Key);
                entry.Gate.Dispose();
            }
        }
    }

    /// <summary>How many keys have a live lock; zero when no write is in flight.</summary>
    internal int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    internal sealed class Entry(string key)
    {
        public string Key { get; } = key;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int References { get; set; }
    }

    internal readonly struct Releaser(KeyedAsyncLock owner, List<Entry> held) : IDisposable
    {
        public void Dispose()
        {
            for (var i = held.Count - 1; i >= 0; i--)
            {
                held[i].Gate.Release();
                owner.Unreference(held[i]);
            }
            held.Clear();
        }
    }
}
