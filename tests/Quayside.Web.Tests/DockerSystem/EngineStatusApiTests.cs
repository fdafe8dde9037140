namespace Quayside.Web.Tests.DockerSystem;

public class EngineStatusApiTests : LoggedInTest
{
    [Fact]
    public async Task The_engine_status_says_connected_with_the_engine_version()
    {
        var status = await Client.GetFromJsonAsync<JsonElement>("/api/engine/status");
        Assert.Equal("unix:///var/run/docker.sock", status.GetProperty("address").GetString());
        Assert.Equal(await DockerCommand.OkAsync("version", "--format", "{{.Server.Version}}"), status.GetProperty("version").GetProperty("version").GetString());
    }
}
