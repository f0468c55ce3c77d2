namespace ImageLabelsLive.LocalAws.Tests.DynamoDB;

/// <summary>A fact that drives the real AWS CLI v2 (Debian package awscli at /usr/bin/aws); skipped, saying so, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AwsCliFactAttribute : FactAttribute
{
    public const string CliPath = "/usr/bin/aws";

    public AwsCliFactAttribute()
    {
        if (!File.Exists(CliPath))
        {
            Skip = $"{CliPath} is not installed (apt-get install awscli); the AWS CLI check did not run.";
        }
    }
}
