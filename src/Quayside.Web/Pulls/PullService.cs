using System.Collections.Concurrent;
using Quayside.Engine.Cli;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.Web.Registries;

namespace Quayside.Web.Pulls;

/// <summary>
/// Runs pulls and pushes in the background for every browser: they go on when the page that started them closes,
/// any page can observe them, and they can be cancelled. Keeps the last <see cref="KeepFinished"/> finished jobs.
/// </summary>
public sealed class PullService(PullActions transfers, IRegistryCredentials credentials, ILogger<PullService> log)
{
    public const int KeepFinished = 20;
    private readonly ConcurrentDictionary<string, PullJob> _jobs = new();

    /// <summary>Fires when a job starts, changes or finishes (background thread).</summary>
    public event Action<PullJob>? Changed;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<PullJob> Jobs => _jobs.Values.OrderByDescending(j => j.StartedAt).ToList();

    public IReadOnlyList<PullJob> Running => Jobs.Where(j => !j.Finished).ToList();

    public PullJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts <c>docker pull [--platform P] reference</c>. An invalid reference or platform gives a job that has already
    /// failed with the reason, and nothing is sent. Without <paramref name="auth"/> the saved credentials for the
    /// reference's registry are used, if any.
    /// </summary>
    public PullJob Start(string reference, string? platform = null, RegistryAuth? auth = null)
    {
        var parsed = ImageReference.TryParse(reference, out var problem);
        var spec = PlatformSpec.TryParse(platform, out var platformProblem);
        var cli = parsed is null ? DockerCli.Pull(reference ?? "", NullIfBlank(platform)) : PullActions.PullCli(parsed, spec);
        if (parsed is null || platformProblem is not null)
            return Add(PullJob.Refused(PullKind.Pull, reference ?? "", NullIfBlank(platform), cli, problem ?? platformProblem!));
        var job = new PullJob(PullKind.Pull, parsed.ToString(), spec?.ToString(), cli);
        Add(job);
        job.Run(async j => await transfers.PullAsync(parsed, spec, auth ?? await FindAuthAsync(parsed, j.Token), s => Report(j, s), j.Token));
        return job;
    }

    /// <summary>Starts <c>docker push reference</c>; the image must already carry that name (tag it first).</summary>
    public PullJob StartPush(string reference, RegistryAuth? auth = null)
    {
        var parsed = ImageReference.TryParse(reference, out var problem);
        var cli = DockerCli.Push(parsed?.ToString() ?? reference ?? "");
        if (parsed is null || parsed.Digest is not null)
            return Add(PullJob.Refused(PullKind.Push, reference ?? "", null, cli, problem ?? "A push takes name[:tag], not a digest."));
        var job = new PullJob(PullKind.Push, parsed.ToString(), null, cli);
        Add(job);
        job.Run(async j => await transfers.PushAsync(parsed, auth ?? await FindAuthAsync(parsed, j.Token), s => Report(j, s), j.Token));
        return job;
    }

    private async Task<RegistryAuth?> FindAuthAsync(ImageReference reference, CancellationToken ct)
    {
        try
        {
            return await credentials.FindAsync(reference.Registry, ct);
        }
        catch (OperationCanceledException)
        {
            return null; // The transfer itself then ends as cancelled.
        }
        catch (Exception e)
        {
            log.LogWarning("Could not read the saved credentials for {Registry}: {Error}", reference.Registry, e.Message);
            return null;
        }
    }

    private void Report(PullJob job, PullSnapshot snapshot)
    {
        job.Update(snapshot);
        if (snapshot.Finished)
        {
            log.LogInformation("{Kind} {Reference}: {State} {Error}", job.Kind, job.Reference, snapshot.State, snapshot.Error);
            Trim();
        }
        Changed?.Invoke(job);
    }

    private PullJob Add(PullJob job)
    {
        _jobs[job.Id] = job;
        Trim();
        Changed?.Invoke(job);
        return job;
    }

    private void Trim()
    {
        foreach (var old in _jobs.Values.Where(j => j.Finished).OrderByDescending(j => j.FinishedAt).Skip(KeepFinished))
            _jobs.TryRemove(old.Id, out _);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
