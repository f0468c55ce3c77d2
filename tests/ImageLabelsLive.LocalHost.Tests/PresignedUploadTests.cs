using System.Net;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>The local S3 refuses a presigned PUT that is tampered with, expired, for another key or another type, as S3 does.</summary>
[Collection(SharedLocalApp.Name)]
public sealed class PresignedUploadTests(LocalAppFixture stack)
{
    private readonly AppClient client = new(stack);
    private readonly byte[] png = TestImages.GradientPng();

    [Fact]
    public async Task Put_TamperedSignature_Is403SignatureDoesNotMatch()
    {
        var ticket = await client.CreateUploadAsync(AppClient.NewFeedId(), "a.png", "image/png", png.Length);
        var url = ticket.UploadUrl.ToString();
        var signature = url[(url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length)..];
        var tampered = new Uri(url.Replace(signature, (signature[0] == 'a' ? 'b' : 'a') + signature[1..], StringComparison.Ordinal));

        await ShouldBeRefusedAsync(tampered, "image/png", "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Put_OtherContentType_Is403()
    {
        var ticket = await client.CreateUploadAsync(AppClient.NewFeedId(), "a.png", "image/png", png.Length);

        await ShouldBeRefusedAsync(ticket.UploadUrl, "image/jpeg", "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Put_UrlUsedForAnotherKey_Is403()
    {
        var feedId = AppClient.NewFeedId();
        var ticket = await client.CreateUploadAsync(feedId, "a.png", "image/png", png.Length);
        var other = new Uri(ticket.UploadUrl.ToString().Replace(ticket.ImageId, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal));

        await ShouldBeRefusedAsync(other, "image/png", "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Put_AfterExpiry_Is403AccessDenied()
    {
        var ticket = await client.CreateUploadAsync(AppClient.NewFeedId(), "a.png", "image/png", png.Length);

        await Task.Delay(LocalAppFixture.UploadUrlLifetime + TimeSpan.FromSeconds(1.5));

        await ShouldBeRefusedAsync(ticket.UploadUrl, "image/png", "AccessDenied");
    }

    [Fact]
    public async Task Put_ValidUrl_IsAcceptedOnce()
    {
        var ticket = await client.CreateUploadAsync(AppClient.NewFeedId(), "a.png", "image/png", png.Length);

        using var response = await client.PutAsync(ticket.UploadUrl, png, "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag.ShouldNotBeNull();
    }

    private async Task ShouldBeRefusedAsync(Uri url, string contentType, string code)
    {
        using var response = await client.PutAsync(url, png, contentType);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, body);
        body.ShouldContain($"<Code>{code}</Code>");
    }
}
