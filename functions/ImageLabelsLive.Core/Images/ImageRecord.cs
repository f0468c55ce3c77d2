namespace ImageLabelsLive.Core.Images;

/// <summary>One uploaded image and everything known about it; the unit of storage, push and email.</summary>
public sealed record ImageRecord
{
    public required string ImageId { get; init; }
    public required string FeedId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long Size { get; init; }

    /// <summary>Base64 of the bytes' SHA-256 as the browser computed it (S3's x-amz-checksum-sha256), when it sent one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }
    public required ImageStatus Status { get; init; }
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public IReadOnlyList<Face> Faces { get; init; } = [];
    public IReadOnlyList<TextLine> Text { get; init; } = [];
    public IReadOnlyList<ModerationLabel> Moderation { get; init; } = [];
    public ImageProperties? ImageProperties { get; init; }

    /// <summary>Which analyses ran; null until the image has been analysed.</summary>
    public ImageAnalyses? Analyses { get; init; }

    /// <summary>Why each failed analysis did not run, keyed by its name in <see cref="Analyses"/>; absent when none failed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ImageError>? AnalysisErrors { get; init; }

    public ImageError? Error { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Not stored: a presigned GET of the bytes that the web API adds when it answers or pushes (see <see cref="ImageLinks"/>).</summary>
    public Uri? ImageUrl { get; init; }

    /// <summary>The object key is built here, from ids only: a client's file name never becomes a key or a path.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ObjectKey => ObjectKeys.For(FeedId, ImageId);

    public StatusTransition StartProcessing(DateTimeOffset at) => MoveTo(ImageStatus.Processing, at, [], null);

    public StatusTransition Label(IReadOnlyList<Label> labels, DateTimeOffset at) => MoveTo(ImageStatus.Labeled, at, labels, null);

    public StatusTransition Fail(ImageError error, DateTimeOffset at) => MoveTo(ImageStatus.Failed, at, [], error);

    /// <summary>Labeled with everything the analyses found; what did not run says so in Analyses and AnalysisErrors.</summary>
    public StatusTransition Analyze(Analysis.ImageFindings findings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var moved = Label(findings.Labels, at);
        return moved.IsWriteNeeded ? moved with { Record = findings.ApplyTo(moved.Record) } : moved;
    }

    /// <summary>Failed because no analysis could run; the record still says which were tried and why each failed.</summary>
    public StatusTransition FailAnalysis(ImageError error, Analysis.ImageFindings findings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var moved = Fail(error, at);
        return moved.IsWriteNeeded
            ? moved with { Record = moved.Record with { Analyses = findings.Analyses, AnalysisErrors = findings.Errors } }
            : moved;
    }

    /// <summary>Becomes a tombstone with no labels; kept for <see cref="TombstoneLifetime"/> so reconnecting tabs learn of it.</summary>
    public StatusTransition Delete(DateTimeOffset at) => WithoutFindings(MoveTo(ImageStatus.Deleted, at, [], null));

    // A tombstone keeps nothing that was found in the image.
    private static StatusTransition WithoutFindings(StatusTransition moved) =>
        moved.IsWriteNeeded
            ? moved with { Record = moved.Record with { Faces = [], Text = [], Moderation = [], ImageProperties = null, Analyses = null, AnalysisErrors = null } }
            : moved;

    public static TimeSpan TombstoneLifetime { get; } = TimeSpan.FromDays(7);

    private StatusTransition MoveTo(ImageStatus next, DateTimeOffset at, IReadOnlyList<Label> labels, ImageError? error)
    {
        if (!StatusMachine.CanMove(Status, next))
        {
            return StatusTransition.Unchanged(this);
        }
        var moved = this with { Status = next, Labels = labels, Error = error, UpdatedAt = at };
        return new StatusTransition(moved, Status, IsWriteNeeded: true);
    }
}
