using System.Net;
using Quayside.Engine.Connection;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Connection;

/// <summary>The one reader of a container's (and an image's) inspect JSON, on the real engine.</summary>
public sealed class EngineClientInspectTests
{
    [Fact]
    public Task A_container_is_read_by_name_with_or_without_the_leading_slash_and_by_id() => WithSleeperAsync(async (client, name) =>
    {
        var byName = await client.InspectContainerAsync(name);
        var id = byName["Id"]!.GetValue<string>();
        Assert.Equal("/" + name, byName["Name"]!.GetValue<string>());
        Assert.True(byName["State"]!["Running"]!.GetValue<bool>());
        Assert.Equal(id, (await client.InspectContainerAsync("/" + name))["Id"]!.GetValue<string>());
        Assert.Equal("/" + name, (await client.InspectContainerAsync(id))["Name"]!.GetValue<string>());
    });

    [Fact]
    public Task The_containers_image_is_read_by_the_id_its_inspect_names() => WithSleeperAsync(async (client, name) =>
    {
        var image = (await client.InspectContainerAsync(name))["Image"]!.GetValue<string>();
        Assert.Equal(image, (await client.InspectImageAsync(image))["Id"]!.GetValue<string>());
        Assert.StartsWith("sha256:", (await client.InspectImageAsync(LabContainers.BusyboxImage))["Id"]!.GetValue<string>());
    });

    [Fact]
    public Task A_missing_container_is_the_engines_404_and_a_climbing_name_never_leaves() => WithSleeperAsync(async (client, name) =>
    {
        var missing = await Assert.ThrowsAsync<EngineApiException>(() => client.InspectContainerAsync(name + "-gone"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var climbing = await Assert.ThrowsAsync<InvalidEngineNameException>(() => client.InspectImageAsync($"../../containers/{name}"));
        Assert.StartsWith($"'../../containers/{name}' is not a valid image name or id:", climbing.Message);
    });

    /// <summary>Runs the test against a lab container that sleeps, removed afterwards.</summary>
    private static async Task WithSleeperAsync(Func<EngineClient, string, Task> test)
    {
        var name = LabContainers.UniqueName("inspect-read");
        using var client = new EngineClient(EngineEndpoint.FromEnvironment());
        await LabContainers.RunSleeperAsync(name);
        try
        {
            await test(client, name);
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }
}
