using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// Moves every Lambda function CDK 2.160 synthesizes for its own custom resources onto a runtime AWS still creates
/// functions on: Python 3.11 and older to <see cref="Python"/>, Node.js 20 and older to <see cref="Node"/>. A newer
/// CDK does not restore here (it needs a newer Constructs), so the override lives in the app; infra/aws/README.md says
/// why each handler's code runs unchanged on the newer runtime. The app's own functions (dotnet10) are untouched.
/// </summary>
internal sealed class SupportedLambdaRuntimes : DeputyBase, IAspect
{
    public const string Python = "python3.13";
    public const string Node = "nodejs22.x";

    public void Visit(IConstruct node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            // BucketDeployment's handler (a SingletonFunction): python3.11 in CDK 2.160.
            case CfnFunction function when function.Runtime is { } runtime && Replacement(runtime) is { } replacement:
                function.Runtime = replacement;
                break;
            // CustomResourceProvider (auto-delete-objects) emits a plain AWS::Lambda::Function whose runtime is a
            // per-region map of nodejs18.x/20.x; it only ever runs Node.js handlers.
            case CfnResource resource when resource.CfnResourceType == "AWS::Lambda::Function"
                && (resource.Node.Scope is CustomResourceProviderBase || resource.Node.Scope?.Node.Id.StartsWith("Custom::", StringComparison.Ordinal) == true):
                resource.AddPropertyOverride("Runtime", Node);
                break;
            // The S3 notifications handler is an inline Python AWS::Lambda::Function on python3.11.
            case CfnResource resource when resource.CfnResourceType == "AWS::Lambda::Function"
                && resource.Node.Scope?.Node.Id.StartsWith("BucketNotificationsHandler", StringComparison.Ordinal) == true:
                resource.AddPropertyOverride("Runtime", Python);
                break;
            default:
                break;
        }
    }

    /// <summary>The supported runtime for a retired Python or Node.js one; null for anything else.</summary>
    internal static string? Replacement(string runtime)
    {
        if (runtime.StartsWith("python3.", StringComparison.Ordinal)
            && int.TryParse(runtime.AsSpan("python3.".Length), out var minor) && minor < 13)
        {
            return Python;
        }
        if (runtime.StartsWith("nodejs", StringComparison.Ordinal)
            && int.TryParse(runtime.AsSpan("nodejs".Length).TrimEnd(".x"), out var major) && major < 22)
        {
            return Node;
        }
        return null;
    }
}
