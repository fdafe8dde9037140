using System.Net;
using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Engine.CreateContainer;

/// <summary>Creates containers from a <see cref="RunSpec"/>, and replaces one with a new configuration, restoring it on failure.</summary>
public sealed class ContainerCreator(HostModel model)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ReplaceWatch = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan CrashLoopWatch = TimeSpan.FromSeconds(10);
    private EngineClient Client => model.Client;

    public async Task<bool> ImageExistsAsync(string image, CancellationToken ct = default)
    {
        try
        {
            await Client.InspectImageAsync(image.Trim(), ct);
            return true;
        }
        catch (EngineApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The form pre-filled from an existing container, for Duplicate/Edit.</summary>
    public async Task<RunSpec> LoadAsync(string container, CancellationToken ct = default)
    {
        var inspect = await Client.InspectContainerAsync(container, ct);
        JsonNode? image = null;
        try
        {
            image = await Client.InspectImageAsync(inspect["Image"]!.GetValue<string>(), ct);
        }
        catch (EngineApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            // The image is gone: everything in the container's config is shown as chosen.
        }
        return RunSpecInspect.From(inspect, image);
    }

    public async Task<IReadOnlyList<string>> VolumeNamesAsync(CancellationToken ct = default)
    {
        var (_, body) = await Client.SendAsync(HttpMethod.Get, EngineRoutes.VolumesList(), ct: ct);
        return [.. (body?["Volumes"]?.AsArray() ?? []).Select(v => v?["Name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0).Order()];
    }

    public async Task<IReadOnlyList<string>> NetworkNamesAsync(CancellationToken ct = default)
    {
        var (_, body) = await Client.SendAsync(HttpMethod.Get, EngineRoutes.NetworksList(), ct: ct);
        return [.. (body?.AsArray() ?? []).Select(n => n?["Name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0).Order()];
    }

    /// <summary>Creates (and by default starts) the container. A container that was made but failed to start is removed
    /// again, so the corrected form can be sent under the same name.</summary>
    public async Task<CreateOutcome> CreateAsync(RunSpec spec, CancellationToken ct = default)
    {
        var cli = DockerCli.Run(spec);
        var errors = RunSpecRules.Validate(spec);
        if (errors.Count > 0)
            return CreateOutcome.Invalid(cli, errors);
        if (await MissingImageAsync(spec, cli, ct) is { } missing)
            return missing;
        var (id, problem) = await CreateAndStartAsync(spec, ct);
        if (problem is not null)
            return Refusal(cli, problem);
        var name = spec.Name.Trim().Length > 0 ? spec.Name.Trim() : id![..12];
        return new CreateOutcome(true, cli, spec.StartAfterCreate ? $"Created and started {name}." : $"Created {name}.", id, new Dictionary<string, string>());
    }

    /// <summary>
    /// Replaces a container by the form's configuration under the same name. The old container is stopped and set aside
    /// under a temporary name; it is removed only once the new one is created and started. If the new one fails, it
    /// is removed and the old one gets its name back (and is started again if it was running); if the old one is gone
    /// meanwhile (auto-remove), it is made again from its inspect. Named volumes are never removed.
    /// </summary>
    public async Task<CreateOutcome> ReplaceAsync(string target, RunSpec spec, CancellationToken ct = default)
    {
        JsonNode old;
        try
        {
            old = await Client.InspectContainerAsync(target, ct);
        }
        catch (EngineApiException e)
        {
            return Refusal(DockerCli.Run(spec), EngineErrorTranslator.FromEngine(e.Status, e.EngineMessage));
        }
        var oldName = old["Name"]!.GetValue<string>().TrimStart('/');
        var oldId = old["Id"]!.GetValue<string>();
        var wasRunning = old["State"]?["Running"]?.GetValue<bool>() == true;
        spec = spec.Clone();
        spec.Name = oldName;
        var cli = DockerCli.Replace(oldName, spec);
        var errors = RunSpecRules.Validate(spec);
        if (errors.Count > 0)
            return CreateOutcome.Invalid(cli, errors);
        if (await MissingImageAsync(spec, cli, ct) is { } missing)
            return missing;

        var parked = $"{oldName}-replaced-{Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            // Renamed before it stops: an auto-remove container is gone once stopped, and its name must be free by then.
            await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerRename(oldId, parked), ct: ct);
            if (wasRunning)
                await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerStop(oldId, 10), ct: ct, timeout: StartTimeout);
        }
        catch (EngineApiException e)
        {
            return Refusal(cli, EngineErrorTranslator.FromEngine(e.Status, e.EngineMessage) with { Field = RunField.General });
        }

        var (id, problem) = await CreateAndStartAsync(spec, ct);
        if (problem is null && spec.StartAfterCreate)
            problem = await ExitedAtOnceAsync(id!, ct);
        if (problem is null)
        {
            await TryAsync(() => Client.SendAsync(HttpMethod.Delete, EngineRoutes.ContainerRemove(oldId, force: true), ct: CancellationToken.None, timeout: StartTimeout));
            return new CreateOutcome(true, cli, $"Replaced {oldName}: the old container was removed, its named volumes are kept.", id, new Dictionary<string, string>());
        }

        if (id is not null)
            await TryAsync(() => Client.SendAsync(HttpMethod.Delete, EngineRoutes.ContainerRemove(id, force: true), ct: CancellationToken.None));
        var restored = await RestoreAsync(old, oldId, oldName, wasRunning);
        var failed = Refusal(cli, problem);
        return failed with { Message = $"The new configuration failed: {problem} {restored}" };
    }

    private async Task<string> RestoreAsync(JsonNode old, string oldId, string oldName, bool wasRunning)
    {
        var ct = CancellationToken.None;
        string id;
        if (await TryAsync(() => Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerRename(oldId, oldName), ct: ct)))
            id = oldId;
        else
        {
            var (path, body) = RunSpecInspect.RecreateBody(old);
            try
            {
                var (_, created) = await Client.SendAsync(HttpMethod.Post, path, body, ct);
                id = created!["Id"]!.GetValue<string>();
            }
            catch (EngineApiException e)
            {
                return $"The old container could not be made again either: {EngineErrorTranslator.FromEngine(e.Status, e.EngineMessage)}";
            }
        }
        if (wasRunning && !await TryAsync(() => Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerStart(id), ct: ct, timeout: StartTimeout)))
            return $"The old container {oldName} is back, but it did not start again.";
        return $"The old container {oldName} was restored{(wasRunning ? " and started again" : "")}; nothing was lost.";
    }

    private async Task<(string? Id, EngineProblem? Problem)> CreateAndStartAsync(RunSpec spec, CancellationToken ct)
    {
        var (path, body) = RunSpecBody.Build(spec);
        string id;
        try
        {
            var (_, created) = await Client.SendAsync(HttpMethod.Post, path, body, ct);
            id = created!["Id"]!.GetValue<string>();
        }
        catch (EngineApiException e)
        {
            return (null, EngineErrorTranslator.FromEngine(e.Status, e.EngineMessage));
        }
        if (!spec.StartAfterCreate)
            return (id, null);
        try
        {
            await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerStart(id), ct: ct, timeout: StartTimeout);
            return (id, null);
        }
        catch (EngineApiException e)
        {
            await TryAsync(() => Client.SendAsync(HttpMethod.Delete, EngineRoutes.ContainerRemove(id, force: true), ct: CancellationToken.None));
            return (null, EngineErrorTranslator.FromEngine(e.Status, e.EngineMessage));
        }
    }

    /// <summary>
    /// A start can succeed while the process fails at once (e.g. behind --init, a missing program exits 127): watch the
    /// new container briefly so Replace does not swap a working container for one that is already dead.
    /// </summary>
    private async Task<EngineProblem?> ExitedAtOnceAsync(string id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReplaceWatch;
        var restarted = false;
        while (true)
        {
            var inspect = await Client.InspectContainerAsync(id, ct);
            var state = inspect["State"];
            var status = state?["Status"]?.GetValue<string>();
            // Restarted by its restart policy between two looks: it exited at least once, so watch until it shows how.
            if (inspect["RestartCount"]?.GetValue<int>() > 0 && !restarted)
            {
                restarted = true;
                deadline = DateTime.UtcNow + CrashLoopWatch;
            }
            if (status is "exited" or "dead" or "restarting")
            {
                var code = state?["ExitCode"]?.GetValue<int>();
                var error = state?["Error"]?.GetValue<string>();
                if (status == "exited" && code == 0)
                    return null;
                return !string.IsNullOrEmpty(error)
                    ? EngineErrorTranslator.FromEngine(HttpStatusCode.InternalServerError, error)
                    : new EngineProblem($"The new container stopped at once with exit code {code}.",
                        "Check the command, entrypoint and environment (its logs tell why).", RunField.Command);
            }
            if (DateTime.UtcNow >= deadline)
                return null;
            await Task.Delay(200, ct);
        }
    }

    private async Task<CreateOutcome?> MissingImageAsync(RunSpec spec, string cli, CancellationToken ct)
    {
        if (await ImageExistsAsync(spec.Image, ct))
            return null;
        var image = spec.Image.Trim();
        return CreateOutcome.Refused(cli, RunField.Image,
            $"The image '{image}' is not on this engine. Pull it first: {DockerCli.Pull(image, string.IsNullOrWhiteSpace(spec.Platform) ? null : spec.Platform.Trim())}");
    }

    private static CreateOutcome Refusal(string cli, EngineProblem problem) =>
        CreateOutcome.Refused(cli, problem.Field ?? RunField.General, problem.ToString());


    private static async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception e) when (e is EngineApiException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
