using Microsoft.AspNetCore.Components;
using Quayside.Engine.Errors;
using Quayside.Engine.Inspect;

namespace Quayside.Web.Components.Shared;

/// <summary>
/// A view that reads something from the engine once per <see cref="LoadKey"/> (e.g. a container's id and state, so a
/// restart reloads it) and shows either the data or the engine's refusal in words.
/// </summary>
public abstract class EngineReadBase<T> : HostComponentBase, IDisposable where T : class
{
    private readonly CancellationTokenSource _disposed = new();
    private string? _loadedKey;

    protected Inspector Inspector => HostService<Inspector>();

    protected T? Data { get; private set; }
    protected string? Error { get; private set; }

    /// <summary>Changes when the data must be read again.</summary>
    protected abstract string LoadKey { get; }

    protected abstract Task<T> LoadAsync(CancellationToken ct);

    protected CancellationToken Disposed => _disposed.Token;

    protected override async Task OnParametersSetAsync()
    {
        var key = LoadKey;
        if (key == _loadedKey)
            return;
        _loadedKey = key;
        await ReloadAsync();
    }

    protected async Task ReloadAsync()
    {
        try
        {
            Data = await LoadAsync(_disposed.Token);
            Error = null;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Error = EngineErrorTranslator.Translate(e, Inspector.Client.Endpoint).ToString();
        }
    }

    public virtual void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
