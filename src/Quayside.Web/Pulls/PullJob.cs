using Quayside.Engine.Pulls;

namespace Quayside.Web.Pulls;

public enum PullKind { Pull, Push }

/// <summary>
/// One pull or push running on the server, independent of any page. <see cref="Changed"/> fires (from a background
/// thread) after each change of <see cref="Snapshot"/>; observers marshal to their own context.
/// </summary>
public sealed class PullJob
{
    private readonly CancellationTokenSource _cancel = new();
    private PullSnapshot _snapshot = PullSnapshot.Starting;

    internal PullJob(PullKind kind, string reference, string? platform, string cli)
    {
        Kind = kind;
        Reference = reference;
        Platform = platform;
        Cli = cli;
    }

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
    public PullKind Kind { get; }
    /// <summary>The reference as normalised for the engine, e.g. localhost:5000/lab/busybox:1.</summary>
    public string Reference { get; }
    public string? Platform { get; }
    /// <summary>The equivalent docker line, e.g. docker pull --platform linux/arm64 localhost:5000/lab/busybox:1.</summary>
    public string Cli { get; }
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? FinishedAt { get; private set; }
    public PullSnapshot Snapshot => Volatile.Read(ref _snapshot);
    public bool Finished => Snapshot.Finished;
    public Task<PullSnapshot> Completion { get; private set; } = Task.FromResult(PullSnapshot.Starting);

    public event Action<PullJob>? Changed;

    internal CancellationToken Token => _cancel.Token;

    public void Cancel()
    {
        if (!Finished)
            _cancel.Cancel();
    }

    internal void Run(Func<PullJob, Task<PullSnapshot>> work) => Completion = Task.Run(() => work(this));

    internal void Update(PullSnapshot snapshot)
    {
        Volatile.Write(ref _snapshot, snapshot);
        if (snapshot.Finished)
            FinishedAt ??= DateTimeOffset.UtcNow;
        Changed?.Invoke(this);
    }

    /// <summary>A job refused before anything was sent (invalid reference or platform).</summary>
    internal static PullJob Refused(PullKind kind, string reference, string? platform, string cli, string problem)
    {
        var job = new PullJob(kind, reference, platform, cli);
        job.Update(new PullSnapshot(PullState.Failed, [], null, null, problem));
        job.Completion = Task.FromResult(job.Snapshot);
        return job;
    }
}
