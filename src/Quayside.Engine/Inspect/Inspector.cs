using System.Text.Json;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Inspect;

/// <summary>
/// Reads what one container or image is made of: inspect (as a model and as the engine's own JSON, which is what
/// <c>docker inspect</c> prints), image history, the processes (<c>docker top</c>) and the writable layer's changes (<c>docker diff</c>).
/// </summary>
public sealed class Inspector(EngineClient client)
{
    public EngineClient Client => client;

    public Task<Inspected<ContainerDetails>> ContainerAsync(string id, CancellationToken ct = default) =>
        ReadAsync<ContainerDetails>(EngineRoutes.ContainerInspect(id), ct);

    public Task<Inspected<ImageDetails>> ImageAsync(string id, CancellationToken ct = default) =>
        ReadAsync<ImageDetails>(EngineRoutes.ImageInspect(id), ct);

    public Task<IReadOnlyList<ImageHistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) =>
        client.GetAsync<IReadOnlyList<ImageHistoryEntry>>(EngineRoutes.ImageHistory(id), ct);

    public Task<ContainerProcesses> ProcessesAsync(string id, CancellationToken ct = default) =>
        client.GetAsync<ContainerProcesses>(EngineRoutes.ContainerTop(id), ct);

    /// <summary>The changes to the writable layer; the engine answers null (not []) when there are none.</summary>
    public async Task<IReadOnlyList<FilesystemChange>> ChangesAsync(string id, CancellationToken ct = default) =>
        await client.GetAsync<IReadOnlyList<FilesystemChange>?>(EngineRoutes.ContainerChanges(id), ct) ?? [];

    private async Task<Inspected<T>> ReadAsync<T>(string path, CancellationToken ct)
    {
        var raw = await client.GetAsync<JsonElement>(path, ct);
        return new Inspected<T>(raw.Deserialize<T>(EngineClient.Json)!, raw);
    }
}

/// <summary>An inspect answer both as the readable model and as the engine's JSON.</summary>
public sealed record Inspected<T>(T Details, JsonElement Raw);
