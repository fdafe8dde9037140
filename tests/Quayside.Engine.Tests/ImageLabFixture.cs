using System.Formats.Tar;
using Quayside.Engine.Build;
using Quayside.Engine.Progress;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests;

/// <summary>A live model plus the images and containers the build, archive and file tests made (all labelled quayside.test=1), removed at the end.</summary>
public sealed class ImageLabFixture : IAsyncLifetime
{
    private readonly LiveModelFixture _live = new();
    private readonly List<string> _images = [];
    private readonly List<string> _containers = [];

    public Quayside.Engine.Model.HostModel Model => _live.Model;
    public ImageBuilder Builder => new(Model.Client);

    public static readonly IReadOnlyDictionary<string, string> TestLabels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1" };

    public string NewImage(string prefix)
    {
        var name = $"qt-i9-{prefix}:{Guid.NewGuid().ToString("N")[..8]}";
        _images.Add(name);
        return name;
    }

    public string NewContainer(string prefix) => TrackContainer(LabContainers.UniqueName("i9-" + prefix));

    public string TrackContainer(string name)
    {
        _containers.Add(name);
        return name;
    }

    public void TrackImage(string name) => _images.Add(name);

    /// <summary>Builds from a typed Dockerfile (and optional extra files), labelled as a test image.</summary>
    public Task<StreamedResult> BuildAsync(string tag, string dockerfile, params (string Name, string Text)[] files) =>
        Builder.BuildAsync(new BuildOptions { Tags = [tag], Labels = TestLabels, TypedDockerfile = true }, async (tar, ct) =>
        {
            await BuildContext.AddTextAsync(tar, "Dockerfile", dockerfile, ct);
            foreach (var (name, text) in files)
                await BuildContext.AddTextAsync(tar, name, text, ct);
        }, null, CancellationToken.None);

    public async Task<string> BuildOkAsync(string prefix, string dockerfile, params (string Name, string Text)[] files)
    {
        var tag = NewImage(prefix);
        var result = await BuildAsync(tag, dockerfile, files);
        Assert.True(result.Ok, $"build failed: {result.Error}\n{result.Output}");
        return tag;
    }

    public static MemoryStream TarOf(params (string Name, string Text)[] files)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, text) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });
        stream.Position = 0;
        return stream;
    }

    public Task InitializeAsync() => _live.InitializeAsync();

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _containers]);
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", "-f", image);
        await _live.DisposeAsync();
    }
}
