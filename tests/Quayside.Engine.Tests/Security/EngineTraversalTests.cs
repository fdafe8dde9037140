using Quayside.Engine.Connection;
using Quayside.Engine.Images;
using Quayside.Engine.Inspect;
using Quayside.Engine.Model;
using Quayside.Engine.Pulls;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Security;

/// <summary>Names that climb out of their engine route, tried on the real engine against a real container.</summary>
public sealed class EngineTraversalTests : IAsyncLifetime
{
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private readonly string _victim = LabContainers.UniqueName("sec-victim");
    private HostModel _model = default!;

    public async Task InitializeAsync()
    {
        await LabContainers.RunSleeperAsync(_victim);
        _model = new HostModel(_client);
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_victim);
        _client.Dispose();
    }

    [Fact]
    public async Task Inspecting_an_image_named_dot_dot_containers_X_never_reads_the_container()
    {
        var e = await Assert.ThrowsAsync<InvalidEngineNameException>(() => new Inspector(_client).ImageAsync($"../../containers/{_victim}"));
        Assert.StartsWith($"'../../containers/{_victim}' is not a valid image name or id:", e.Message);
    }

    [Fact]
    public async Task Removing_an_image_named_dot_dot_containers_X_leaves_the_container_running()
    {
        var outcome = await new ImageActions(_model).RemoveAsync([$"../../containers/{_victim}"], force: true);

        Assert.False(outcome.Ok);
        Assert.Contains("is not a valid image name or id", outcome.Results[0].Message);
        Assert.Equal("true", await DockerCommand.InspectAsync(_victim, "{{.State.Running}}"));
    }

    [Fact]
    public async Task Removing_a_volume_named_with_encoded_dot_dots_leaves_the_container_running()
    {
        var outcome = await new VolumeActions(_model).RemoveAsync([$"..%2F..%2Fcontainers%2F{_victim}"], force: true);

        Assert.False(outcome.Ok);
        Assert.Contains("is not a valid volume name", outcome.Results[0].Message);
        Assert.Equal("true", await DockerCommand.InspectAsync(_victim, "{{.State.Running}}"));
    }

    [Fact]
    public async Task Pulling_or_pushing_a_name_with_dot_dots_ends_as_a_failed_transfer_in_words_before_any_request()
    {
        var climbing = new ImageReference("docker.io", $"../../containers/{_victim}", "latest", null);
        var transfers = new PullActions(_client);
        var seen = new List<PullSnapshot>();

        var pulled = await transfers.PullAsync(climbing, null, null, seen.Add, CancellationToken.None);
        var pushed = await transfers.PushAsync(climbing, null, seen.Add, CancellationToken.None);

        foreach (var final in new[] { pulled, pushed })
        {
            Assert.Equal(PullState.Failed, final.State);
            Assert.StartsWith($"'../../containers/{_victim}' is not a valid image name or id:", final.Error);
        }
        Assert.Equal(new[] { pulled, pushed }, seen);
    }

    [Theory]
    [InlineData("/images/..%2F..%2Fcontainers%2F{0}/json")]
    [InlineData("/images/%2E%2E/%2E%2E/containers/{0}/json")]
    [InlineData("/images/%252E%252E/%252E%252E/containers/{0}/json")]
    [InlineData("/volumes/../containers/{0}/json")]
    public async Task A_path_built_by_hand_with_dot_segments_is_refused_before_it_is_sent(string template)
    {
        var e = await Assert.ThrowsAsync<InvalidEngineNameException>(() => _client.GetAsync<object>(string.Format(template, _victim)));
        Assert.Contains("'.' or '..' segment", e.Message);
    }

    [Fact]
    public async Task A_valid_reference_with_a_slash_still_inspects()
    {
        var image = await new Inspector(_client).ImageAsync(LabContainers.BusyboxImage);
        Assert.StartsWith("sha256:", image.Details.Id);
    }
}
