using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

public sealed partial class StackOperations
{
    /// <summary>
    /// The configuration the project runs with, secrets hidden: what <c>compose config</c> makes of its files, or, when
    /// Quayside cannot reach them, a compose file rebuilt from its containers.
    /// </summary>
    public async Task<string> EffectiveConfigAsync(string name, CancellationToken ct = default)
    {
        var location = Locate(name);
        if (!location.Editable)
            return await RebuiltAsync(name, ct);
        var files = await StackFileSet.ReadAsync(location, ct);
        var (config, problems) = await ConfigAsync(location, files, ct);
        var mask = await MaskAsync(location, files, ct);
        return mask.Apply(problems.Count > 0 ? string.Join("\n", problems.Select(p => "# " + p)) : config);
    }

    /// <summary>A compose file with one service per service of the project, rebuilt from its first container's settings.</summary>
    private async Task<string> RebuiltAsync(string name, CancellationToken ct)
    {
        var services = new List<(string, RunSpec)>();
        foreach (var service in Find(name)?.Services ?? [])
        {
            if (service.Containers.Count == 0)
                continue;
            var container = await _host.Client.InspectContainerAsync(service.Containers[0].Id, ct);
            var imageId = container["Image"]?.GetValue<string>();
            System.Text.Json.Nodes.JsonNode? image = null;
            try
            {
                image = imageId is null ? null : await _host.Client.InspectImageAsync(imageId, ct);
            }
            catch (Connection.EngineApiException)
            {
            }
            var spec = RunSpecInspect.From(container, image);
            spec.Name = "";
            services.Add((service.Name, spec));
        }
        return ComposeService.ProjectYaml(services);
    }

    /// <summary>
    /// Takes a project whose files Quayside cannot reach: saves its configuration, rebuilt from its containers, as a compose
    /// file in Quayside's folder for it, which manages the project from then on (the next apply recreates its containers
    /// from there). Nothing running is touched.
    /// </summary>
    public async Task<StackLocation> TakeOverAsync(string name, string by, CancellationToken ct = default)
    {
        if (StackNames.Problem(name) is { } problem)
            throw new StackRefusedException(problem + " Rename the project with compose (-p) to take it over.");
        using var _ = await LockAsync(name, ct);
        if (Locator.IsManaged(name))
            throw new StackRefusedException($"Stack {name} is already managed by Quayside in {Locator.ManagedFolder(name)}.");
        var location = Locate(name);
        var files = location.Editable ? await StackFileSet.ReadAsync(location, ct) : [];
        var compose = location.Editable ? await EffectiveConfigRawAsync(location, files, ct) : await RebuiltAsync(name, ct);
        var managed = Locator.Managed(name);
        var texts = new Dictionary<string, string> { [managed.ComposeFiles[0]] = compose };
        if (files.TryGetValue(location.EnvFile, out var env) && env.Length > 0)
            texts[managed.EnvFile] = env;
        Locator.PrepareHostFolder();
        await StackFileSet.WriteAsync(managed, texts, ct);
        History.Add(name, new StackVersion(0, DateTimeOffset.UtcNow, by, StackChangeKind.Found, History.Protect(texts), "",
            "", true, location.Editable ? $"Taken over from {string.Join(", ", location.ComposeFiles)}." : "Taken over: rebuilt from its running containers.", []));
        return managed;
    }

    private async Task<string> EffectiveConfigRawAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        var (config, problems) = await ConfigAsync(location, files, ct);
        return problems.Count > 0 ? throw new StackRefusedException("Its files do not pass compose config: " + string.Join(" ", problems)) : config;
    }

    /// <summary>
    /// Deletes a stack Quayside keeps, once it runs nothing: its folder (compose file, .env) and its history. A project
    /// whose files are elsewhere is never deleted from here.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string name, CancellationToken ct = default)
    {
        using var _ = await LockAsync(name, ct);
        if (!Locator.IsManaged(name))
            throw new StackRefusedException($"Stack {name} is not kept by Quayside: its files are not Quayside's to delete.");
        if (StackIndex.Find(_host.Model, name) is { Total: > 0 } running)
            throw new StackRefusedException($"Stack {name} still has {running.Total} container{(running.Total == 1 ? "" : "s")}: take it down first.");
        var folder = Locator.ManagedFolder(name);
        var removed = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Directory.Delete(folder, recursive: true);
        History.Delete(name);
        return removed;
    }

    /// <summary>Writes a new stack under Quayside's folder and applies it; the folder is removed again when compose refuses it.</summary>
    public async Task<ApplyOutcome> CreateAsync(string name, string compose, string env, ApplyOptions options, Action<string>? onLine = null, CancellationToken ct = default)
    {
        if (StackNames.Problem(name) is { } problem)
            throw new StackRefusedException(problem);
        if (Locator.IsManaged(name) || StackIndex.Find(_host.Model, name) is not null)
            throw new StackRefusedException($"A stack named {name} already exists on {_host.Name}: open it, or choose another name.");
        var managed = Locator.Managed(name);
        Locator.PrepareHostFolder();
        Directory.CreateDirectory(managed.Directory);
        try
        {
            var outcome = await ApplyAsync(name, new Dictionary<string, string> { [managed.ComposeFiles[0]] = compose, [managed.EnvFile] = env }, options, onLine, ct);
            if (outcome.Version is null)
                Directory.Delete(managed.Directory, recursive: true);
            return outcome;
        }
        catch
        {
            if (History.Latest(name) is null)
                Directory.Delete(managed.Directory, recursive: true);
            throw;
        }
    }
}
