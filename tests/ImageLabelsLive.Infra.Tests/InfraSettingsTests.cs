namespace ImageLabelsLive.Infra.Tests;

public sealed class InfraSettingsTests
{
    [Fact]
    public void FromValues_NoContext_UsesDefaults()
    {
        var settings = InfraSettings.FromValues(_ => null);

        settings.NotifyEmails.ShouldBeEmpty();
        settings.FunctionsPath.ShouldBeNull();
        settings.FrontendDistPath.ShouldBeNull();
        settings.AllowLocalhost.ShouldBeFalse();
        settings.UploadExpirationDays.ShouldBe(7);
        settings.MinConfidence.ShouldBe(70);
        settings.MaxLabels.ShouldBe(10);
    }

    [Fact]
    public void FromValues_CommaSeparatedEmails_TrimsDropsEmptiesAndDuplicates()
    {
        var settings = InfraSettings.FromValues(Context(("notifyEmails", " a@example.com,,b@example.org , A@example.com ")));

        settings.NotifyEmails.ShouldBe(["a@example.com", "b@example.org"]);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@example.com;b@example.com")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a@b@example.com")]
    public void FromValues_InvalidEmail_ThrowsNamingTheKey(string emails)
    {
        var error = Should.Throw<ArgumentException>(() => InfraSettings.FromValues(Context(("notifyEmails", emails))));

        error.Message.ShouldContain("notifyEmails");
    }

    [Fact]
    public void FromValues_CommandLineStringsAndCdkJsonValues_ParseAlike()
    {
        var fromCli = InfraSettings.FromValues(Context(("uploadExpirationDays", "3"), ("allowLocalhost", "TRUE"), ("minConfidence", "55")));
        var fromJson = InfraSettings.FromValues(Context(("uploadExpirationDays", 3.0), ("allowLocalhost", true), ("minConfidence", 55.0)));

        foreach (var settings in new[] { fromCli, fromJson })
        {
            settings.UploadExpirationDays.ShouldBe(3);
            settings.AllowLocalhost.ShouldBeTrue();
            settings.MinConfidence.ShouldBe(55);
        }
    }

    [Theory]
    [InlineData("uploadExpirationDays", "0")]
    [InlineData("uploadExpirationDays", "seven")]
    [InlineData("minConfidence", "101")]
    [InlineData("maxLabels", "0")]
    [InlineData("maxLabels", "2.5")]
    [InlineData("allowLocalhost", "maybe")]
    public void FromValues_InvalidValue_ThrowsNamingTheKey(string key, string value)
    {
        var error = Should.Throw<ArgumentException>(() => InfraSettings.FromValues(Context((key, value))));

        error.Message.ShouldContain(key);
    }

    [Fact]
    public void FromValues_Paths_AreTakenAsGiven()
    {
        var settings = InfraSettings.FromValues(Context(("functionsPath", "/tmp/published"), ("frontendDistPath", "../dist")));

        settings.FunctionsPath.ShouldBe("/tmp/published");
        settings.FrontendDistPath.ShouldBe("../dist");
    }

    private static Func<string, object?> Context(params (string Key, object Value)[] values) =>
        key => values.Where(v => v.Key == key).Select(v => v.Value).FirstOrDefault();
}
