using System.Text;
using ImageLabelsLive.Core.Connections;

namespace ImageLabelsLive.Core.Tests.Connections;

public class ClientMessagesTests
{
    [Fact]
    public void Reply_Ping_IsPong() =>
        Encoding.UTF8.GetString(ClientMessages.Reply("{\"action\":\"ping\"}")).ShouldBe("{\"type\":\"pong\"}");

    [Fact]
    public void Reply_UnknownAction_IsShortError() =>
        Encoding.UTF8.GetString(ClientMessages.Reply("{\"action\":\"dance\"}"))
            .ShouldBe("{\"type\":\"error\",\"error\":{\"code\":\"UnknownAction\",\"message\":\"The only action is \\u0022ping\\u0022.\"}}");

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"action\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"ping\"")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("{}")]
    public void Reply_Malformed_IsInvalidMessage(string? body) =>
        Encoding.UTF8.GetString(ClientMessages.Reply(body)).ShouldContain("\"code\":\"InvalidMessage\"");
}
