using Quayside.Engine.Connection;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Connection;

/// <summary>The one reader of a container's (and an image's) inspect JSON, on the real engine.</summary>
public sealed class EngineClientInspectTests : IAsyncLifetime
{
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private readonly string _name = LabContainers.UniqueName("inspect-read");

    public Task InitializeAsync() => LabContainers.RunSleeperAsync(_name);

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        _client.Dispose();
    }

    [Fact]
    public async Task A_container_is_read_by_name_with_or_without_the_leading_slash_and_by_id()
    {
        var byName = await _client.InspectContainerAsync(_name);
        var id = byName["Id"]!.GetValue<string>();
        Assert.Equal("/" + _name, byName["Name"]!.GetValue<string>());
        Assert.Equal(id, (await _client.InspectContainerAsync("/" + _name))["Id"]!.GetValue<string>());
        Assert.Equal("/" + _name, (await _client.InspectContainerAsync(id))["Name"]!.GetValue<string>());
        Assert.True((await _client.InspectContainerAsync(_name))["State"]!["Running"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_containers_image_is_read_by_the_id_its_inspect_names()
    {
        var image = (await _client.InspectContainerAsync(_name))["Image"]!.GetValue<string>();
        Assert.Equal(image, (await _client.InspectImageAsync(image))["Id"]!.GetValue<string>());
        Assert.Equal(image, (await _client.InspectImageAsync(LabContainers.BusyboxImage))["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_container_is_the_engines_404_and_a_climbing_name_never_leaves()
    {
        var missing = await Assert.ThrowsAsync<EngineApiException>(() => _client.InspectContainerAsync(_name + "-gone"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Status);
        var climbing = await Assert.ThrowsAsync<InvalidEngineNameException>(() => _client.InspectImageAsync($"../../containers/{_name}"));
        Assert.Contains("is not a valid image name or id", climbing.Message);
    }
}
