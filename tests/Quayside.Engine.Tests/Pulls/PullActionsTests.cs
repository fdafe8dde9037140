using Quayside.Engine.Connection;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Pulls;

/// <summary>Pulls and pushes against the lab registries on the real engine.</summary>
public sealed class PullActionsTests : IDisposable
{
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private readonly List<string> _pulled = [];
    private PullActions Pulls => new(_client);

    private async Task<(PullSnapshot Final, List<PullSnapshot> Seen)> PullAsync(string reference, string? platform, RegistryAuth? auth = null)
    {
        _pulled.Add(reference);
        var seen = new List<PullSnapshot>();
        var final = await Pulls.PullAsync(ImageReference.Parse(reference), PlatformSpec.TryParse(platform, out _), auth, seen.Add, CancellationToken.None);
        return (final, seen);
    }

    [Fact]
    public async Task Pulling_the_arm64_platform_of_a_multi_arch_tag_gives_an_arm64_image_with_layer_progress()
    {
        // Fresh layers, so the engine really downloads and extracts them.
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("arm"));
        var (final, seen) = await PullAsync(reference, "linux/arm64");

        Assert.Equal(PullState.Succeeded, final.State);
        Assert.Null(final.Error);
        Assert.StartsWith("sha256:", final.Digest);
        Assert.Contains(seen, s => s.Layers.Any(l => l.State == LayerState.Downloading && l.Total > 0));
        Assert.Contains(seen, s => s.Layers.Any(l => l.State == LayerState.Extracting));
        Assert.All(final.Layers, l => Assert.Equal(LayerState.Done, l.State));
        Assert.Equal("arm64", await DockerCommand.InspectAsync(reference, "{{.Architecture}}"));
    }

    [Fact]
    public async Task A_missing_tag_fails_in_words()
    {
        var (final, _) = await PullAsync($"{LabRegistry.Open}/{LabRegistry.Busybox}:no-such-tag", null);
        Assert.Equal(PullState.Failed, final.State);
        Assert.Contains("has no tag or digest 'no-such-tag'", final.Error);
    }

    [Fact]
    public async Task A_platform_the_list_lacks_fails_in_words()
    {
        var (final, _) = await PullAsync($"{LabRegistry.Open}/{LabRegistry.Busybox}:{LabRegistry.MultiArchTag}", "linux/s390x");
        Assert.Equal(PullState.Failed, final.State);
        Assert.Contains("no variant for the platform linux/s390x", final.Error);
    }

    [Fact]
    public async Task The_authenticated_registry_refuses_without_credentials_and_works_with_them()
    {
        var reference = await LabRegistry.CopyTagAsync(LabRegistry.Auth, LabRegistry.Private, "1", LabRegistry.UniqueTag("auth"), withAuth: true);
        var (refused, _) = await PullAsync(reference, null);
        Assert.Equal(PullState.Failed, refused.State);
        Assert.Contains("requires a login", refused.Error);

        var (wrong, _) = await PullAsync(reference, null, new RegistryAuth(LabRegistry.Auth, LabRegistry.User, "wrong-password"));
        Assert.Contains("unauthorized", wrong.Error);

        var (pulled, _) = await PullAsync(reference, null, new RegistryAuth(LabRegistry.Auth, LabRegistry.User, LabRegistry.Password));
        Assert.Equal(PullState.Succeeded, pulled.State);
        Assert.Equal(0, (await DockerCommand.RunAsync("image", "inspect", reference)).ExitCode);
    }

    [Fact]
    public async Task Push_of_a_tagged_image_reaches_the_registry_with_progress()
    {
        var reference = $"{LabRegistry.Open}/lab/pushed:{LabRegistry.UniqueTag("push")}";
        _pulled.Add(reference);
        await DockerCommand.OkAsync("tag", LabContainers.BusyboxImage, reference);
        var seen = new List<PullSnapshot>();
        var final = await Pulls.PushAsync(ImageReference.Parse(reference), null, seen.Add, CancellationToken.None);

        Assert.Equal(PullState.Succeeded, final.State);
        Assert.StartsWith("sha256:", final.Digest);
        Assert.Contains(seen, s => s.Layers.Count > 0);
        Assert.True(final.Layers.All(l => l.State is LayerState.Done or LayerState.AlreadyExists));
    }

    public void Dispose()
    {
        foreach (var reference in _pulled)
            _ = LabRegistry.RemoveImageAsync(reference);
        _client.Dispose();
    }
}
