using System.Runtime.ExceptionServices;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.Analysis;

/// <summary>
/// Asks for every analysis that is switched on at once (one DetectLabels for labels and image properties, DetectFaces,
/// DetectText, DetectModerationLabels), so an image takes as long as its slowest analysis rather than their sum.
/// An analysis that fails is recorded as failed with its reason and the others are kept. Only an unexpected error
/// from labels is thrown, after the others have finished, so the platform retries the image as it always has.
/// </summary>
public sealed class ImageAnalysis(IImageAnalyzer analyzer, AnalysisSwitches switches)
{
    public AnalysisSwitches Switches { get; } = switches ?? throw new ArgumentNullException(nameof(switches));

    public async Task<ImageFindings> AnalyzeAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var askLabels = Switches.Labels || Switches.ImageProperties;
        var labels = askLabels
            ? Run(() => analyzer.DetectLabelsAsync(bucket, key, new LabelFeatures(Switches.Labels, Switches.ImageProperties), cancellationToken), "labels", cancellationToken)
            : null;
        var faces = Switches.Faces ? Run(() => analyzer.DetectFacesAsync(bucket, key, cancellationToken), "faces", cancellationToken) : null;
        var text = Switches.Text ? Run(() => analyzer.DetectTextAsync(bucket, key, cancellationToken), "text", cancellationToken) : null;
        var moderation = Switches.Moderation
            ? Run(() => analyzer.DetectModerationLabelsAsync(bucket, key, cancellationToken), "unsafe content", cancellationToken)
            : null;
        await Task.WhenAll(new Task?[] { labels, faces, text, moderation }.OfType<Task>()).ConfigureAwait(false);

        var labelsOutcome = labels is null ? null : await labels.ConfigureAwait(false);
        if (labelsOutcome?.Unexpected is { } unexpected)
        {
            ExceptionDispatchInfo.Throw(unexpected);
        }
        var facesOutcome = faces is null ? null : await faces.ConfigureAwait(false);
        var textOutcome = text is null ? null : await text.ConfigureAwait(false);
        var moderationOutcome = moderation is null ? null : await moderation.ConfigureAwait(false);

        var errors = new Dictionary<string, ImageError>(StringComparer.Ordinal);
        var labelsState = State(Switches.Labels, labelsOutcome, AnalysisNames.Labels, errors);
        var propertiesState = State(Switches.ImageProperties, labelsOutcome, AnalysisNames.ImageProperties, errors);
        var facesState = State(Switches.Faces, facesOutcome, AnalysisNames.Faces, errors);
        var textState = State(Switches.Text, textOutcome, AnalysisNames.Text, errors);
        var moderationState = State(Switches.Moderation, moderationOutcome, AnalysisNames.Moderation, errors);

        return new ImageFindings
        {
            Labels = labelsState == AnalysisState.Done ? LabelSet.Normalize(labelsOutcome!.Value!.Labels) : [],
            ImageProperties = propertiesState == AnalysisState.Done ? FindingsNormalizer.Properties(labelsOutcome!.Value!.ImageProperties) : null,
            Faces = facesState == AnalysisState.Done ? FindingsNormalizer.Faces(facesOutcome!.Value!) : [],
            Text = textState == AnalysisState.Done ? FindingsNormalizer.Text(textOutcome!.Value!) : [],
            Moderation = moderationState == AnalysisState.Done ? FindingsNormalizer.Moderation(moderationOutcome!.Value!) : [],
            Analyses = new ImageAnalyses(labelsState, facesState, textState, moderationState, propertiesState),
            Errors = errors.Count > 0 ? errors : null,
        };
    }

    /// <summary>
    /// Why the whole image failed when nothing ran: a rejection of the image itself wins (labels' first, as before),
    /// else the service was unavailable.
    /// </summary>
    public static ImageError ImageFailure(ImageFindings findings, string fileName)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var errors = findings.Errors ?? new Dictionary<string, ImageError>();
        foreach (var name in AnalysisNames.All)
        {
            if (errors.TryGetValue(name, out var error) && error.Code != Unavailable)
            {
                return error;
            }
        }
        return new ImageError(
            Unavailable,
            $"\"{fileName}\" could not be labeled because the labeling service is busy or unavailable; upload it again in a few minutes.");
    }

    private const string Unavailable = "LabelingUnavailable";

    private static AnalysisState State<T>(bool on, Outcome<T>? outcome, string name, Dictionary<string, ImageError> errors)
    {
        if (!on || outcome is null)
        {
            return AnalysisState.Off;
        }
        if (outcome.Error is { } error)
        {
            errors[name] = error;
            return AnalysisState.Failed;
        }
        return AnalysisState.Done;
    }

    private static async Task<Outcome<T>> Run<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return new Outcome<T>(await call().ConfigureAwait(false), null, null);
        }
        catch (ImageRejectedException rejected)
        {
            return new Outcome<T>(default, rejected.Error, null);
        }
        catch (LabelingUnavailableException)
        {
            return new Outcome<T>(default, new ImageError(Unavailable, $"Looking for {what} failed because the service stayed busy or unavailable; the other results were kept."), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One analysis failing must not lose the others; the reason is recorded, and labels' is rethrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new Outcome<T>(default, new ImageError("AnalysisFailed", $"Looking for {what} failed ({exception.GetType().Name}); the other results were kept."), exception);
        }
    }

    private sealed record Outcome<T>(T? Value, ImageError? Error, Exception? Unexpected);
}
