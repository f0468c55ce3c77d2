using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>One stored object's metadata (S3's system metadata for it).</summary>
internal sealed record S3ObjectInfo(string Bucket, string Key, string ContentType, string ETag, long Size, DateTimeOffset LastModified, string DataPath)
{
    /// <summary>The ETag as S3 sends it in headers: the MD5 hex in double quotes.</summary>
    public string QuotedETag => "\"" + ETag + "\"";
}

/// <summary>
/// Objects on disk: {dir}/{bucket}/{name}.json holds an object's metadata and names its data file, {name}.{id}.data.
/// {name} is derived from the key ("k." + base64url of its UTF-8, or "h." + its SHA-256 when that would be too long
/// for a file name), so no key can reach outside its bucket's folder. An upload is written to a temporary file and
/// committed by renames, so a reader sees the old object or the new one, never half of one.
/// </summary>
internal sealed class S3ObjectStore
{
    private const int MaxEncodedNameLength = 200;
    private const string UploadPrefix = ".upload-";
    private readonly Dictionary<string, string> bucketDirectories;
    private readonly string dataDirectory;
    private readonly Lock commitLock = new();

    public S3ObjectStore(LocalS3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        dataDirectory = Path.GetFullPath(options.DataDirectory);
        bucketDirectories = options.Buckets.ToDictionary(b => b, b => Path.Combine(dataDirectory, b), StringComparer.Ordinal);
        foreach (var directory in bucketDirectories.Values)
        {
            Directory.CreateDirectory(directory);
            // Uploads interrupted by a stop never became objects.
            foreach (var stale in Directory.EnumerateFiles(directory, UploadPrefix + "*"))
            {
                File.Delete(stale);
            }
        }
    }

    public IEnumerable<string> Buckets => bucketDirectories.Keys;

    public bool HasBucket(string bucket) => bucketDirectories.ContainsKey(bucket);

    public S3ObjectInfo? Find(string bucket, string key) =>
        Read(bucket, MetadataPath(bucket, key)) is { } info && info.Key == key ? info : null;

    /// <summary>
    /// The bucket's objects whose keys start with <paramref name="prefix"/>, in S3's order: by the keys' UTF-8 bytes.
    /// An object deleted or replaced while the folder is read is listed as it was found, or not at all.
    /// </summary>
    public IReadOnlyList<S3ObjectInfo> List(string bucket, string prefix)
    {
        var found = Directory.EnumerateFiles(bucketDirectories[bucket], "*.json")
            .Select(metadataPath => Read(bucket, metadataPath))
            .OfType<S3ObjectInfo>()
            .Where(info => info.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        found.Sort((a, b) => S3KeyOrder.Compare(a.Key, b.Key));
        return found;
    }

    /// <summary>The object a metadata file describes, or null when the file is gone (deleted, or replaced meanwhile).</summary>
    private S3ObjectInfo? Read(string bucket, string metadataPath)
    {
        S3ObjectMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(File.ReadAllBytes(metadataPath), S3JsonContext.Default.S3ObjectMetadata);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return metadata is null
            ? null
            : new S3ObjectInfo(bucket, metadata.Key, metadata.ContentType, metadata.ETag, metadata.Size, metadata.LastModified,
                Path.Combine(bucketDirectories[bucket], metadata.DataFile));
    }

    /// <summary>Opens an object's bytes; an overwrite between reading the metadata and opening the data is retried.</summary>
    public (S3ObjectInfo Info, FileStream Data)? OpenRead(string bucket, string key)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (Find(bucket, key) is not { } info)
            {
                return null;
            }
            try
            {
                return (info, new FileStream(info.DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true));
            }
            catch (FileNotFoundException)
            {
                // Replaced or deleted since Find: look again.
            }
        }
        return null;
    }

    /// <summary>A temporary file in the bucket's folder for an upload's bytes; delete it unless committed.</summary>
    public string NewUploadPath(string bucket) =>
        Path.Combine(bucketDirectories[bucket], UploadPrefix + Guid.NewGuid().ToString("N"));

    public S3ObjectInfo Commit(string bucket, string key, string uploadPath, string contentType, string eTag, long size, DateTimeOffset lastModified)
    {
        var directory = bucketDirectories[bucket];
        var name = FileName(key);
        var dataFile = $"{name}.{Guid.NewGuid():N}.data";
        var metadataPath = MetadataPath(bucket, key);
        var metadata = new S3ObjectMetadata(key, contentType, eTag, size, lastModified, dataFile);
        var metadataTemp = NewUploadPath(bucket);
        try
        {
            File.WriteAllBytes(metadataTemp, JsonSerializer.SerializeToUtf8Bytes(metadata, S3JsonContext.Default.S3ObjectMetadata));
            lock (commitLock)
            {
                var previous = Find(bucket, key);
                File.Move(uploadPath, Path.Combine(directory, dataFile));
                File.Move(metadataTemp, metadataPath, overwrite: true);
                if (previous is not null)
                {
                    File.Delete(previous.DataPath);
                }
            }
        }
        finally
        {
            File.Delete(metadataTemp);
        }
        return new S3ObjectInfo(bucket, key, contentType, eTag, size, lastModified, Path.Combine(directory, dataFile));
    }

    public void Delete(string bucket, string key)
    {
        lock (commitLock)
        {
            if (Find(bucket, key) is { } existing)
            {
                File.Delete(MetadataPath(bucket, key));
                File.Delete(existing.DataPath);
            }
        }
    }

    /// <summary>True when a file can be created and removed in the data folder.</summary>
    public async Task<bool> IsWritableAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(dataDirectory, ".health-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dataDirectory);
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return bucketDirectories.Values.All(Directory.Exists);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The file-name stem for a key: reversible and readable when short, a digest when long; never a path.</summary>
    internal static string FileName(string key)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return encoded.Length <= MaxEncodedNameLength
            ? "k." + encoded
            : "h." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private string MetadataPath(string bucket, string key) => Path.Combine(bucketDirectories[bucket], FileName(key) + ".json");
}

/// <summary>The metadata file's content.</summary>
internal sealed record S3ObjectMetadata(string Key, string ContentType, string ETag, long Size, DateTimeOffset LastModified, string DataFile);
