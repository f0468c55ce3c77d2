namespace ImageLabelsLive.Functions.Catalog;

/// <summary>
/// One function as both worlds see it: its name, its handler, what invokes it, the settings it reads and the access
/// it needs. The CDK app builds the Lambda function, its trigger and its role from it; the local host invokes the
/// same handler from the same trigger.
/// </summary>
public sealed record FunctionDefinition
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required int MemorySize { get; init; }

    public required int TimeoutSeconds { get; init; }

    public required FunctionTrigger Trigger { get; init; }

    /// <summary>The environment variables it reads (<see cref="Aws.Configuration.SettingNames"/>).</summary>
    public required IReadOnlyList<string> Settings { get; init; }

    public required IReadOnlyList<ResourceAccess> Access { get; init; }

    /// <summary>At most this many instances at once; null leaves the account's pool.</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>The handler string Lambda's managed runtime loads: assembly::type::method.</summary>
    public required string Handler { get; init; }

    /// <summary>Builds the function as a fresh container would, and returns its entry point.</summary>
    public required Func<Func<Stream, Task<Stream>>> Create { get; init; }

    /// <summary>Where a definition is made: the handler and the factory come from the function's type.</summary>
    internal static FunctionDefinition Of<TFunction>(
        string description,
        int memorySize,
        int timeoutSeconds,
        FunctionTrigger trigger,
        IReadOnlyList<string> settings,
        IReadOnlyList<ResourceAccess> access)
        where TFunction : ILambdaFunction, new()
    {
        var type = typeof(TFunction);
        const string suffix = "Function";
        return new FunctionDefinition
        {
            Name = type.Name.EndsWith(suffix, StringComparison.Ordinal) ? type.Name[..^suffix.Length] : type.Name,
            Description = description,
            MemorySize = memorySize,
            TimeoutSeconds = timeoutSeconds,
            Trigger = trigger,
            Settings = settings,
            Access = access,
            Handler = $"{type.Assembly.GetName().Name}::{type.FullName}::{nameof(ILambdaFunction.HandleAsync)}",
            Create = () => new TFunction().HandleAsync,
        };
    }
}
