using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Pulls;
using Quayside.TestSupport;
using Quayside.Web.Pulls;
using Quayside.Web.Registries;

namespace Quayside.Web.Tests.Pulls;

/// <summary>The background pull service of the real app, on the real engine and the lab registries.</summary>
public sealed class PullServiceTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly List<string> _pulled = [];

    private PullService Pulls => _app.Services.GetRequiredService<PullService>();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_pull_runs_in_the_background_and_reports_its_progress_and_cli_line()
    {
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("svc"));
        _pulled.Add(reference);
        var changes = 0;
        var job = Pulls.Start(reference, "linux/arm64");
        job.Changed += _ => Interlocked.Increment(ref changes);

        Assert.Equal($"docker pull --platform linux/arm64 {reference}", job.Cli);
        Assert.Contains(job, Pulls.Jobs);
        var final = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(PullState.Succeeded, final.State);
        Assert.True(changes > 0);
        Assert.Equal("arm64", await DockerCommand.InspectAsync(reference, "{{.Architecture}}"));
    }

    [Fact]
    public async Task A_bad_reference_fails_before_anything_is_sent()
    {
        var job = Pulls.Start("Not A Reference", null);
        Assert.Equal(PullState.Failed, job.Snapshot.State);
        Assert.Contains("is not a valid image name", job.Snapshot.Error);
        var badPlatform = Pulls.Start("localhost:5000/lab/busybox:1", "arm64");
        Assert.Contains("is not a valid platform", badPlatform.Snapshot.Error);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Saved_credentials_are_used_for_their_registry()
    {
        var reference = await LabRegistry.CopyTagAsync(LabRegistry.Auth, LabRegistry.Private, "1", LabRegistry.UniqueTag("saved"), withAuth: true);
        _pulled.Add(reference);
        var refused = await Pulls.Start(reference).Completion;
        Assert.Contains("requires a login", refused.Error);

        await _app.Services.GetRequiredService<RegistryStore>().SaveAsync(LabRegistry.Auth, LabRegistry.User, LabRegistry.Password);
        var pulled = await Pulls.Start(reference).Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(PullState.Succeeded, pulled.State);
    }

    [Fact]
    public async Task A_pull_can_be_cancelled()
    {
        var reference = await LabRegistryImages.PushMultiArchAsync(LabRegistry.Open, "lab/fresh", LabRegistry.UniqueTag("cancel"), layerBytes: 60_000_000);
        _pulled.Add(reference);
        var job = Pulls.Start(reference);
        job.Cancel();
        var final = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(PullState.Cancelled, final.State);
    }

    public async Task DisposeAsync()
    {
        foreach (var reference in _pulled)
            await LabRegistry.RemoveImageAsync(reference);
        await _app.DisposeAsync();
    }
}
